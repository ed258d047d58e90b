import type { Store } from '../openDatabase.js';
import type { AuditDigestRow } from '../schema.js';

/** The newest digest, or undefined before the first. */
export function findLastAuditDigest(db: Store): Promise<AuditDigestRow | undefined> {
  return db.selectFrom('audit_digests').selectAll().orderBy('to_sequence', 'desc').limit(1).executeTakeFirst();
}

/** Every digest, oldest first (one per thousand events or per minute: few enough to hold). */
export function listAuditDigests(db: Store): Promise<AuditDigestRow[]> {
  return db.selectFrom('audit_digests').selectAll().orderBy('to_sequence').execute();
}

/** Stores one digest. */
export async function insertAuditDigest(db: Store, row: AuditDigestRow): Promise<void> {
  await db.insertInto('audit_digests').values(row).execute();
}

/** The end of the newest digest, below sequence `below`, whose last event happened before `time`: where an archive may cut the chain. */
export async function findLastDigestEndingBefore(db: Store, time: string, below: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('audit_digests')
    .innerJoin('audit_events', 'audit_events.sequence', 'audit_digests.to_sequence')
    .select('audit_digests.to_sequence')
    .where('audit_events.event_time', '<', time)
    .where('audit_digests.to_sequence', '<', below)
    .orderBy('audit_digests.to_sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.to_sequence) : undefined;
}
