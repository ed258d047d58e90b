import { sign } from 'node:crypto';
import { isoAt, type Clock } from '../clock/clock.js';
import type { Store } from '../store/openDatabase.js';
import { findLastAuditDigest, insertAuditDigest } from '../store/repositories/auditDigests.js';
import { findFirstAuditEvent, findLastAuditEvent } from '../store/repositories/auditEvents.js';
import { lockAuditChain } from '../store/repositories/lockAuditChain.js';
import { digestBytes, digestHash, type AuditDigest, type SignedDigest } from './AuditDigest.js';
import { GENESIS_HASH } from './appendEvent.js';
import type { AuditSigningKey } from './auditSigningKey.js';

/**
 * Signs the events not yet covered by a digest: one digest from the last digest's end to the
 * chain's head, linked to the digest before it. Nothing when every event is signed already.
 * In one write transaction, so that two instances never sign the same range twice.
 */
export async function sealHead(db: Store, key: AuditSigningKey, clock: Clock): Promise<SignedDigest | undefined> {
  return db.transaction().execute(async (trx) => {
    // Behind the chain's lock: no append or other digest moves the head while this one signs it.
    await lockAuditChain(trx);
    const head = await findLastAuditEvent(trx);
    const last = await findLastAuditDigest(trx);
    if (!head || (last && Number(last.to_sequence) >= Number(head.sequence))) return undefined;
    const fromSequence = last ? Number(last.to_sequence) + 1 : Number((await findFirstAuditEvent(trx))!.sequence);
    const digest: AuditDigest = {
      fromSequence,
      toSequence: Number(head.sequence),
      lastHash: head.hash,
      previousDigestHash: last?.hash ?? GENESIS_HASH,
      previousDigestSignature: last?.signature ?? null,
      createdAt: isoAt(clock()),
      keyFingerprint: key.fingerprint,
    };
    const body = digestBytes(digest);
    const signature = sign(null, Buffer.from(body), key.privateKey).toString('base64');
    await insertAuditDigest(trx, {
      to_sequence: digest.toSequence,
      from_sequence: digest.fromSequence,
      body,
      signature,
      hash: digestHash(digest),
      key_fingerprint: key.fingerprint,
      created_at: digest.createdAt,
    });
    return { ...digest, signature };
  });
}
