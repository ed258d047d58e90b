import type { Store } from '../openDatabase.js';
import type { AuditEventRow } from '../schema.js';

/** The newest event of the chain, or undefined for an empty trail. */
export function findLastAuditEvent(db: Store): Promise<Pick<AuditEventRow, 'sequence' | 'hash'> | undefined> {
  return db.selectFrom('audit_events').select(['sequence', 'hash']).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
}

/** Inserts one event row. */
export async function insertAuditEvent(db: Store, row: AuditEventRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/** The events of a principal whose canonical body holds `text` (a unique id), oldest first. */
export function findAuditEventsMentioning(db: Store, principalId: string, text: string): Promise<AuditEventRow[]> {
  return db.selectFrom('audit_events').selectAll().where('principal_id', '=', principalId).where('body', 'like', `%${text}%`).orderBy('sequence').execute();
}
