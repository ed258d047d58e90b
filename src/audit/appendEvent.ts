// RFC 8785 (JCS) canonical JSON, by the RFC's author: hashes must not depend on key order.
import canonicalize from 'canonicalize';
import { sha256Hex } from '../crypto/digest.js';
import type { Store } from '../store/openDatabase.js';
import { findLastAuditEvent, insertAuditEvents } from '../store/repositories/auditEvents.js';
import { lockAuditChain } from '../store/repositories/lockAuditChain.js';
import type { AuditEvent, UnchainedEvent } from './AuditEvent.js';

/** The `previousHash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** `hash` = SHA-256 over the previous hash and the event's RFC 8785 canonical JSON (without `hash`). */
export function chainHash(previousHash: string, canonicalBody: string): string {
  return sha256Hex(previousHash + canonicalBody);
}

/**
 * Appends `events`, in order, to the chain inside the caller's transaction: the next gap-free
 * sequences, each linked to the hash before it; the head is read once and the rows go in one
 * statement. On SQLite, BEGIN IMMEDIATE serialises appends; a PostgreSQL store must lock the
 * chain's head in the transaction first (READ COMMITTED would let two appends read the same
 * last event), and the primary key on `sequence` refuses a fork either way.
 */
export async function appendEvents(trx: Store, events: UnchainedEvent[]): Promise<AuditEvent[]> {
  await lockAuditChain(trx);
  const last = await findLastAuditEvent(trx);
  let sequence = last ? Number(last.sequence) : 0;
  let previousHash = last?.hash ?? GENESIS_HASH;
  const chained: AuditEvent[] = [];
  const rows = events.map((event) => {
    sequence += 1;
    const unhashed = { ...event, sequence, previousHash };
    const body = canonicalize(unhashed)!;
    const hash = chainHash(previousHash, body);
    const row = {
      sequence,
      event_id: event.eventId,
      event_time: event.eventTime,
      event_name: event.eventName,
      principal_id: event.userIdentity.principalId,
      error_code: event.errorCode,
      body,
      previous_hash: previousHash,
      hash,
    };
    chained.push({ ...unhashed, hash });
    previousHash = hash;
    return row;
  });
  await insertAuditEvents(trx, rows);
  return chained;
}

/** Appends one event to the chain inside the caller's transaction (see `appendEvents`). */
export async function appendEvent(trx: Store, event: UnchainedEvent): Promise<AuditEvent> {
  return (await appendEvents(trx, [event]))[0]!;
}
