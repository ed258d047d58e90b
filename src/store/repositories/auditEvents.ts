import type { Store } from '../openDatabase.js';
import type { AuditEventRow } from '../schema.js';

/** The newest event of the chain, or undefined for an empty trail. */
export function findLastAuditEvent(db: Store): Promise<Pick<AuditEventRow, 'sequence' | 'hash'> | undefined> {
  return db.selectFrom('audit_events').select(['sequence', 'hash']).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
}

/** The oldest event still in the store (older ones may be archived). */
export function findFirstAuditEvent(db: Store): Promise<Pick<AuditEventRow, 'sequence' | 'previous_hash'> | undefined> {
  return db.selectFrom('audit_events').select(['sequence', 'previous_hash']).orderBy('sequence').limit(1).executeTakeFirst();
}

/** Inserts event rows in one statement. */
export async function insertAuditEvents(db: Store, rows: AuditEventRow[]): Promise<void> {
  await db.insertInto('audit_events').values(rows).execute();
}

/** What the chain checks read of an event. */
export type ChainRow = Pick<AuditEventRow, 'sequence' | 'previous_hash' | 'hash' | 'body'>;

/** Up to `limit` events after `sequence` (up to `through`, when given), oldest first: the chain read in pages. */
export function listAuditEventsAfter(db: Store, sequence: number, limit: number, through?: number): Promise<ChainRow[]> {
  let query = db.selectFrom('audit_events').select(['sequence', 'previous_hash', 'hash', 'body']).where('sequence', '>', sequence);
  if (through !== undefined) query = query.where('sequence', '<=', through);
  return query.orderBy('sequence').limit(limit).execute();
}

/** Filters of `GET /audit/events`; `before` is the cursor (a sequence), results newest first. */
export interface AuditEventFilter {
  principalId?: string;
  eventName?: string;
  errorCode?: string;
  from?: string;
  to?: string;
  before?: number;
}

/** Up to `limit` events matching `filter`, newest first. */
export function lookupAuditEvents(db: Store, filter: AuditEventFilter, limit: number): Promise<Array<Pick<AuditEventRow, 'sequence' | 'body' | 'hash'>>> {
  let query = db.selectFrom('audit_events').select(['sequence', 'body', 'hash']);
  if (filter.principalId !== undefined) query = query.where('principal_id', '=', filter.principalId);
  if (filter.eventName !== undefined) query = query.where('event_name', '=', filter.eventName);
  if (filter.errorCode !== undefined) query = query.where('error_code', '=', filter.errorCode);
  if (filter.from !== undefined) query = query.where('event_time', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('event_time', '<', filter.to);
  if (filter.before !== undefined) query = query.where('sequence', '<', filter.before);
  return query.orderBy('sequence', 'desc').limit(limit).execute();
}

/** The bodies of the events named `eventName`, oldest first. */
export function listAuditEventsNamed(db: Store, eventName: string): Promise<Array<Pick<AuditEventRow, 'sequence' | 'body'>>> {
  return db.selectFrom('audit_events').select(['sequence', 'body']).where('event_name', '=', eventName).orderBy('sequence').execute();
}

/** The time of the event at `sequence`. */
export async function findAuditEventTime(db: Store, sequence: number): Promise<string | undefined> {
  return (await db.selectFrom('audit_events').select('event_time').where('sequence', '=', sequence).executeTakeFirst())?.event_time;
}

/** Removes the events up to and including `sequence` (after they were archived). */
export async function deleteAuditEventsThrough(db: Store, sequence: number): Promise<void> {
  await db.deleteFrom('audit_events').where('sequence', '<=', sequence).execute();
}

/** The events of a principal whose canonical body holds `text` (a unique id), oldest first. */
export function findAuditEventsMentioning(db: Store, principalId: string, text: string): Promise<AuditEventRow[]> {
  return db.selectFrom('audit_events').selectAll().where('principal_id', '=', principalId).where('body', 'like', `%${text}%`).orderBy('sequence').execute();
}
