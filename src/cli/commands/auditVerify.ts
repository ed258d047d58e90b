import fs from 'node:fs';
import type { Command } from 'commander';
// The progress bar DESIGN.md names for the command line; it draws only on a terminal.
import { SingleBar } from 'cli-progress';
import { recordAuditVerification } from '../../advisor/recordAuditVerification.js';
import { formatVerifyReport } from '../../audit/formatVerifyReport.js';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { publicKeyMap } from '../../audit/publicKeyMap.js';
import { trailInDirectory } from '../../audit/trailInDirectory.js';
import { trailInStore } from '../../audit/trailInStore.js';
import { verifyTrail, type TrailToVerify } from '../../audit/verifyTrail.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { findLastAuditEvent } from '../../store/repositories/auditEvents.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';

// Below this many events a run takes well under a second: no bar.
const longRun = 100_000;

interface VerifyOptions {
  data?: string;
  from?: string;
  dir?: string;
  publicKey?: string[];
}

/** `gatehouse audit verify [--from <seq>] [--dir <export>] [--public-key <pem>]…`: exits 0 when the trail holds, 1 otherwise. */
export function auditVerifyCommand(audit: Command): void {
  audit
    .command('verify')
    .description('check the hash chain and every signed digest; exit 0 when they hold, 1 naming the first break')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .option('--from <sequence>', 'start at this sequence')
    .option('--dir <export>', 'verify an export or archive directory instead of the store, offline')
    .option('--public-key <pem>', 'trust only this public key file (repeatable); default: the keys of the store or export', (value: string, all: string[] = []) => [...all, value])
    .action(async (options: VerifyOptions) => {
      const from = options.from === undefined ? undefined : Number(options.from);
      if (from !== undefined && !(Number.isSafeInteger(from) && from >= 1)) throw new GatehouseError('VALIDATION_ERROR', '--from must be a sequence (1 or more)');
      const trustedKeys = options.publicKey ? publicKeyMap(options.publicKey.map((file) => fs.readFileSync(file, 'utf8'))) : undefined;
      if (options.dir) {
        const trail = await trailInDirectory(options.dir, { from, trustedKeys });
        const report = await withProgress(trail, lastInDirectory(options.dir));
        process.stdout.write(formatVerifyReport(report, options.dir));
        process.exitCode = report.breaks.length > 0 ? 1 : 0;
        return;
      }
      const runtime = await openRuntime(options.data);
      try {
        const trail = await trailInStore(runtime.db, { from, trustedKeys });
        const head = await findLastAuditEvent(runtime.db);
        const report = await withProgress(trail, head ? Number(head.sequence) : 0);
        process.stdout.write(formatVerifyReport(report, runtime.config.databaseUrl.replace(/\/\/[^@/]*@/, '//'), trail.archivedThrough));
        process.exitCode = report.breaks.length > 0 ? 1 : 0;
        // The advisor flags a trail not verified in the last day, or failing.
        if (from === undefined) await recordAuditVerification(runtime.db, runtime.clock, report);
        // Reading the trail is itself recorded, with what it found.
        await operatorTransact(runtime.db, runtime.clock, 'VerifyAuditTrail', { from: from ?? null })(async () => ({
          eventsValid: report.events.valid,
          eventsChecked: report.events.checked,
          digestsValid: report.digests.valid,
          digestsChecked: report.digests.checked,
          firstBreak: report.breaks[0] ?? null,
        }));
      } finally {
        await closeRuntime(runtime);
      }
    });
}

async function withProgress(trail: Omit<TrailToVerify, 'onProgress'>, last: number) {
  const total = Math.max(0, last - trail.start.sequence + 1);
  if (total < longRun || !process.stderr.isTTY) return verifyTrail(trail);
  const bar = new SingleBar({ stream: process.stderr, format: 'verifying {bar} {percentage}% | {value}/{total} events | {eta}s left' });
  bar.start(total, 0);
  try {
    return await verifyTrail({ ...trail, onProgress: (sequence) => bar.update(sequence - trail.start.sequence + 1) });
  } finally {
    bar.stop();
  }
}

function lastInDirectory(directory: string): number {
  const names = fs.readdirSync(directory).map((file) => /^events-\d{12}-(\d{12})\.jsonl$/.exec(file)?.[1]);
  return Math.max(0, ...names.filter((n): n is string => n !== undefined).map(Number));
}
