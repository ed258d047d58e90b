import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { text } from '../../audit/redact.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { findLastAuditEvent, listAuditEventsAfter } from '../../store/repositories/auditEvents.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';

/** `gatehouse audit tail [--from <seq>] [--interval <ms>]`: prints new events as JSON Lines until interrupted. */
export function auditTailCommand(audit: Command): void {
  audit
    .command('tail')
    .description('follow the audit trail: print each new event as one JSON line, until Ctrl-C')
    .option('--from <sequence>', 'start at this sequence (default: only events from now on)')
    .option('--interval <ms>', 'how often to look for new events', '1000')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { from?: string; interval: string; data?: string }) => {
      const interval = Number(options.interval);
      if (!Number.isSafeInteger(interval) || interval < 50) throw new GatehouseError('VALIDATION_ERROR', '--interval must be at least 50 (ms)');
      const runtime = await openRuntime(options.data);
      let stopped = false;
      const stop = () => (stopped = true);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        let after = options.from !== undefined ? Number(options.from) - 1 : Number((await findLastAuditEvent(runtime.db))?.sequence ?? 0);
        if (!Number.isSafeInteger(after) || after < 0) throw new GatehouseError('VALIDATION_ERROR', '--from must be a sequence (1 or more)');
        // Following the trail is reading it: recorded like any other read of it.
        await operatorTransact(runtime.db, runtime.clock, 'TailAuditEvents', { from: after + 1 })(async () => null);
        while (!stopped) {
          const rows = await listAuditEventsAfter(runtime.db, after, 500);
          for (const row of rows) {
            // Bodies are JSON with controls escaped already; the hash travels with each line.
            process.stdout.write(`${row.body.slice(0, -1)},"hash":"${text(row.hash, 64)}"}\n`);
            after = Number(row.sequence);
          }
          if (rows.length < 500) await new Promise((resolve) => setTimeout(resolve, interval));
        }
      } finally {
        await closeRuntime(runtime);
      }
    });
}
