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

/** Filters for reading the trail; `afterSequence` is the cursor. */
export interface AuditEventFilter {
  principalId?: string;
  eventName?: string;
  from?: string;
  to?: string;
  afterSequence?: number;
  limit: number;
}

/** Events matching `filter`, in sequence order. */
export function listAuditEvents(db: Store, filter: AuditEventFilter): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.principalId) query = query.where('principal_id', '=', filter.principalId);
  if (filter.eventName) query = query.where('event_name', '=', filter.eventName);
  if (filter.from) query = query.where('event_time', '>=', filter.from);
  if (filter.to) query = query.where('event_time', '<=', filter.to);
  if (filter.afterSequence !== undefined) query = query.where('sequence', '>', filter.afterSequence);
  return query.orderBy('sequence').limit(filter.limit).execute();
}
