import type { Store } from './openDatabase.js';

/**
 * Runs `work` in one transaction. The HTTP edge's version also appends the request's
 * audit event inside it, so that a write and its event commit or roll back together.
 * Core functions call it at most once, for their writes, after their slow work (hashing).
 * What `work` returns is the event's `responseElements` (redacted); a result carrying
 * `principalId` (and `sessionId`) names whom the call acted for (sign-in, confirm, reset).
 */
export type Transact = <T>(work: (trx: Store) => Promise<T>) => Promise<T>;

/** A plain transaction on `db`, for callers that record no request event (tests, tools). */
export function plainTransact(db: Store): Transact {
  return (work) => db.transaction().execute(work);
}
