import path from 'node:path';
import type { Command } from 'commander';
import { archiveTrail } from '../../audit/archiveTrail.js';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { ARCHIVE_EVENT } from '../../audit/trailInStore.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';

/** `gatehouse audit archive --before <date> [--out <dir>]`: moves old events into export files. */
export function auditArchiveCommand(audit: Command): void {
  audit
    .command('archive')
    .description('move events older than a date into export files; the chain and digests still verify across the cut')
    .requiredOption('--before <date>', 'ISO date or time (UTC); events before it are archived, up to the end of a signed digest')
    .option('--out <dir>', 'directory for the archive (default <data>/audit-archive/<date>)')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { before: string; out?: string; data?: string }) => {
      const time = Date.parse(options.before);
      if (!/^\d{4}-\d{2}-\d{2}/.test(options.before) || Number.isNaN(time)) throw new GatehouseError('VALIDATION_ERROR', '--before must be an ISO date such as 2026-01-31');
      const before = new Date(time).toISOString();
      const runtime = await openRuntime(options.data);
      try {
        const directory = path.resolve(options.out ?? path.join(runtime.config.dataDir, 'audit-archive', before.replace(/[:.]/g, '-')));
        const transact = operatorTransact(runtime.db, runtime.clock, ARCHIVE_EVENT, { before, directory });
        const summary = await archiveTrail(runtime, { before, directory }, transact);
        process.stdout.write(
          summary.throughSequence === null
            ? `nothing to archive: no signed digest ends before ${before}\n`
            : `archived events through ${summary.throughSequence} (${summary.events} events) to ${directory}\n`,
        );
      } finally {
        await closeRuntime(runtime);
      }
    });
}
