import { GatehouseError } from '../errors/GatehouseError.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { findLastDigestEndingBefore } from '../store/repositories/auditDigests.js';
import { deleteAuditEventsThrough, findFirstAuditEvent, findLastAuditEvent } from '../store/repositories/auditEvents.js';
import { exportTrail } from './exportTrail.js';
import { trailInDirectory } from './trailInDirectory.js';
import { verifyTrail } from './verifyTrail.js';

/** What an archive moved. */
export interface ArchiveSummary {
  before: string;
  /** The last sequence moved out, or null when nothing was old enough. */
  throughSequence: number | null;
  events: number;
  directory: string;
}

/**
 * Moves the events older than `before` into export files in `directory`, cutting the chain only
 * at the end of a signed digest: the digests stay in the store, so the first event kept links to
 * a hash a signature vouches for, and the archive verifies on its own. The newest event is never
 * archived, so that the chain goes on from its hash. The files are verified
 * before any event is deleted; the deletion is recorded in the chain by `transact` (returning
 * `throughSequence`, which `trailInStore` looks for).
 */
export async function archiveTrail(runtime: Pick<Runtime, 'db' | 'auditDigests'>, input: { before: string; directory: string }, transact: Transact): Promise<ArchiveSummary> {
  await runtime.auditDigests.sealNow();
  const first = await findFirstAuditEvent(runtime.db);
  const head = await findLastAuditEvent(runtime.db);
  // The newest event always stays: the next append continues the chain from it.
  const through = head ? await findLastDigestEndingBefore(runtime.db, input.before, Number(head.sequence)) : undefined;
  if (through === undefined || !first || through < Number(first.sequence)) {
    return transact(async () => ({ before: input.before, throughSequence: null, events: 0, directory: input.directory }));
  }
  const written = await exportTrail(runtime.db, input.directory, through);
  const report = await verifyTrail(await trailInDirectory(input.directory));
  if (report.breaks.length > 0 || report.lastSequence !== through) {
    throw new GatehouseError('INTERNAL_ERROR', `the archive in ${input.directory} does not verify (${report.breaks[0]?.detail ?? 'incomplete'}); nothing was deleted`);
  }
  return transact(async (trx) => {
    await deleteAuditEventsThrough(trx, through);
    return { before: input.before, throughSequence: through, events: written.events, directory: input.directory };
  });
}
