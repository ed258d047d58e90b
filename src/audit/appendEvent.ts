// RFC 8785 (JCS) canonical JSON, by the RFC's author: hashes must not depend on key order.
import canonicalize from 'canonicalize';
import { sha256Hex } from '../crypto/digest.js';
import type { Store } from '../store/openDatabase.js';
import { findLastAuditEvent, insertAuditEvent } from '../store/repositories/auditEvents.js';
import { lockAuditChain } from '../store/repositories/lockAuditChain.js';
import type { AuditEvent, UnchainedEvent } from './AuditEvent.js';

/** The `previousHash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** `hash` = SHA-256 over the previous hash and the event's RFC 8785 canonical JSON (without `hash`). */
export function chainHash(previousHash: string, canonicalBody: string): string {
  return sha256Hex(previousHash + canonicalBody);
}

/**
 * Appends `event` to the chain inside the caller's transaction: the next gap-free
 * sequence, linked to the previous hash. On SQLite, BEGIN IMMEDIATE serialises appends;
 * a PostgreSQL store must lock the chain's head in the transaction first (READ COMMITTED
 * would let two appends read the same last event), and the primary key on `sequence`
 * refuses a fork either way.
 */
export async function appendEvent(trx: Store, event: UnchainedEvent): Promise<AuditEvent> {
  await lockAuditChain(trx);
  const last = await findLastAuditEvent(trx);
  const sequence = last ? Number(last.sequence) + 1 : 1;
  const previousHash = last?.hash ?? GENESIS_HASH;
  const unhashed = { ...event, sequence, previousHash };
  const body = canonicalize(unhashed)!;
  const hash = chainHash(previousHash, body);
  await insertAuditEvent(trx, {
    sequence,
    event_id: event.eventId,
    event_time: event.eventTime,
    event_name: event.eventName,
    principal_id: event.userIdentity.principalId,
    body,
    previous_hash: previousHash,
    hash,
  });
  return { ...unhashed, hash };
}
