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
