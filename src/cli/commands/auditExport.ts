import path from 'node:path';
import type { Command } from 'commander';
import { exportTrail } from '../../audit/exportTrail.js';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { findLastAuditDigest } from '../../store/repositories/auditDigests.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';

/** `gatehouse audit export --out <dir>`: the signed trail as files that verify offline. */
export function auditExportCommand(audit: Command): void {
  audit
    .command('export')
    .description('write the trail as JSON Lines plus signed digests and public keys, verifiable offline with `audit verify --dir`')
    .requiredOption('--out <dir>', 'directory to write (must not hold an export already)')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { out: string; data?: string }) => {
      const runtime = await openRuntime(options.data);
      try {
        // Sign the head first, so that every exported event is covered by a digest.
        await runtime.auditDigests.sealNow();
        const through = (await findLastAuditDigest(runtime.db))?.to_sequence;
        const directory = path.resolve(options.out);
        const written = await exportTrail(runtime.db, directory, through === undefined ? 0 : Number(through));
        // Recorded once written (SQLite has one connection: no reads of the store inside the transaction).
        const summary = await operatorTransact(runtime.db, runtime.clock, 'ExportAuditEvents', { directory })(async () => ({
          fromSequence: written.fromSequence,
          throughSequence: written.throughSequence,
          events: written.events,
          digests: written.digests,
        }));
        process.stdout.write(`exported events ${summary.fromSequence ?? '-'} to ${summary.throughSequence ?? '-'} (${summary.events} events, ${summary.digests} digests) to ${directory}\n`);
      } finally {
        await closeRuntime(runtime);
      }
    });
}
