import fs from 'node:fs';
import { pino } from 'pino';
import type { AdvisorCheck, CheckResult } from '../../../src/advisor/AdvisorCheck.js';
import type { AdvisorContext } from '../../../src/advisor/AdvisorContext.js';
import { createAdvisorContext, type AdvisorOptions } from '../../../src/advisor/createAdvisorContext.js';
import { runAdvisor } from '../../../src/advisor/runAdvisor.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { closeRuntime } from '../../../src/runtime/closeRuntime.js';
import { createRuntime } from '../../../src/runtime/createRuntime.js';
import type { Runtime } from '../../../src/runtime/Runtime.js';
import { tempDataDir } from '../../support/testServer.js';

/** A real instance (SQLite file, keys, policies) that no server serves, to run checks against. */
export interface AdvisorFixture {
  runtime: Runtime;
  dataDir: string;
  /**
   * The advisor's context of this instance, with `env` as its configuration (GATEHOUSE_*),
   * `options` for the probe, and any fact (now, Node.js version, …) put in place.
   */
  context(setup?: { env?: Record<string, string>; options?: AdvisorOptions; facts?: Partial<AdvisorContext> }): AdvisorContext;
  close(): Promise<void>;
}

/** Opens a fresh instance's runtime in a temp folder, on SQLite there or on the database at `databaseUrl`. */
export async function advisorFixture(databaseUrl?: string): Promise<AdvisorFixture> {
  const dataDir = tempDataDir();
  const store = databaseUrl ? { GATEHOUSE_DATABASE_URL: databaseUrl } : {};
  const config = loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent', ...store }, { dataDir });
  const runtime = await createRuntime(config, { logger: pino({ level: 'silent' }) });
  return {
    runtime,
    dataDir,
    context: ({ env = {}, options = {}, facts = {} } = {}) => {
      const configured = loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent', ...store, ...env }, { dataDir });
      return { ...createAdvisorContext({ ...runtime, config: configured }, options), ...facts };
    },
    async close() {
      await closeRuntime(runtime);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs one check through the advisor's runner, as the report would show it. */
export async function runCheck(check: AdvisorCheck, context: AdvisorContext): Promise<CheckResult> {
  const report = await runAdvisor(context, [check]);
  return report.checks[0]!;
}
