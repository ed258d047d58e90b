import { GatehouseError } from '../errors/GatehouseError.js';
import type { Authorize } from '../apps/Authorize.js';
import type { Store } from '../store/openDatabase.js';
import { lookupAuditEvents, type AuditEventFilter } from '../store/repositories/auditEvents.js';
import type { AuditEvent } from './AuditEvent.js';

/** The one audit trail of a deployment, as Cedar sees it. */
export const auditTrailEntity = { uid: { type: 'AuditTrail', id: 'trail' }, attrs: {}, parents: [] };

/** A page of events, newest first, and the cursor of the next (older) page. */
export interface EventPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

/**
 * Events matching `filter`, newest first, `limit` a page; only for callers the policies let
 * read the trail (auditors, root). The cursor is the sequence below which the next page starts.
 */
export async function lookupEvents(db: Store, authorize: Authorize, filter: Omit<AuditEventFilter, 'before'> & { cursor?: number }, limit: number): Promise<EventPage> {
  if (!authorize('LookupAuditEvents', auditTrailEntity)) throw new GatehouseError('ACCESS_DENIED', 'Only auditors read the audit trail');
  const { cursor, ...rest } = filter;
  const rows = await lookupAuditEvents(db, { ...rest, before: cursor }, limit + 1);
  const page = rows.slice(0, limit);
  return {
    events: page.map((row) => ({ ...(JSON.parse(row.body) as Omit<AuditEvent, 'hash'>), hash: row.hash })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.sequence) : null,
  };
}
