import type { KeyObject } from 'node:crypto';
import type { Store } from '../store/openDatabase.js';
import { listAuditDigests } from '../store/repositories/auditDigests.js';
import { findFirstAuditEvent, listAuditEventsAfter, listAuditEventsNamed } from '../store/repositories/auditEvents.js';
import { listAuditPublicKeys } from '../store/repositories/auditKeys.js';
import { GENESIS_HASH } from './appendEvent.js';
import { parseDigest } from './parseDigest.js';
import { publicKeyMap } from './publicKeyMap.js';
import type { ChainRecord, TrailToVerify } from './verifyTrail.js';

/** The event an archive leaves in the chain, naming the last sequence it moved out. */
export const ARCHIVE_EVENT = 'ArchiveAuditEvents';

const pageSize = 5000;

/**
 * The trail as the store holds it, for `verifyTrail`. Keys are the store's own unless
 * `trustedKeys` pins them. The chain starts at 1, or right after an archive: only where an
 * archive event in the chain names that boundary and a signed digest ends on it, so that
 * deleting the oldest events is not mistaken for archiving them.
 */
export async function trailInStore(db: Store, options: { from?: number; trustedKeys?: Map<string, KeyObject> } = {}): Promise<Omit<TrailToVerify, 'onProgress'> & { archivedThrough: number }> {
  const digests = (await listAuditDigests(db)).map((row) =>
    parseDigest(row.body, row.signature, { fromSequence: Number(row.from_sequence), toSequence: Number(row.to_sequence) }),
  );
  const keys = options.trustedKeys ?? publicKeyMap((await listAuditPublicKeys(db)).map((row) => row.public_key));

  let archivedThrough = 0;
  const first = await findFirstAuditEvent(db);
  let start: TrailToVerify['start'] = { sequence: 1, previousHash: GENESIS_HASH };
  if (first && Number(first.sequence) > 1) {
    const boundary = Number(first.sequence) - 1;
    const anchor = digests.find((d) => d.toSequence === boundary);
    const archives = await listAuditEventsNamed(db, ARCHIVE_EVENT);
    if (anchor && archives.some((row) => throughOf(row.body) === boundary)) {
      archivedThrough = boundary;
      start = { sequence: boundary + 1, previousHash: anchor.lastHash };
    }
  }
  if (options.from !== undefined && options.from > start.sequence) start = { sequence: options.from, previousHash: undefined };

  async function* pages(): AsyncGenerator<ChainRecord[]> {
    let after = start.sequence - 1;
    for (;;) {
      const rows = await listAuditEventsAfter(db, after, pageSize);
      if (rows.length === 0) return;
      yield rows.map((row) => ({ sequence: Number(row.sequence), previousHash: row.previous_hash, hash: row.hash, body: row.body }));
      after = Number(rows.at(-1)!.sequence);
    }
  }
  return { pages: pages(), digests, keys, start, archivedThrough };
}

function throughOf(body: string): number | undefined {
  try {
    const through = (JSON.parse(body) as { responseElements?: { throughSequence?: unknown } }).responseElements?.throughSequence;
    return typeof through === 'number' ? through : undefined;
  } catch {
    return undefined;
  }
}
