import { pino } from 'pino';
import { loadConfig } from '../config/loadConfig.js';
import { createRuntime } from '../runtime/createRuntime.js';
import type { Runtime } from '../runtime/Runtime.js';

/** The runtime of the instance whose data lives in `dataDir` (or GATEHOUSE_DATA_DIR), for one command. */
export async function openRuntime(dataDir: string | undefined, quiet = true): Promise<Runtime> {
  const config = loadConfig(process.env, dataDir ? { dataDir: dataDir } : {});
  const logger = quiet ? pino({ level: 'warn' }, pino.destination(2)) : undefined;
  return createRuntime(config, logger ? { logger } : {});
}
