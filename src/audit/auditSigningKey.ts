import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { isoAt, type Clock } from '../clock/clock.js';
import type { Keyring, SealedField } from '../crypto/keyring/Keyring.js';
import type { Store } from '../store/openDatabase.js';
import { findActiveAuditKey, insertAuditKey } from '../store/repositories/auditKeys.js';
import { lockAuditChain } from '../store/repositories/lockAuditChain.js';
import { auditKeyFingerprint } from './auditKeyFingerprint.js';

/** What the audit key needs of the keyring: seal and open its private part. */
export type Sealer = Pick<Keyring, 'seal' | 'openText'>;

/** The key that signs digests, opened. */
export interface AuditSigningKey {
  fingerprint: string;
  privateKey: KeyObject;
}

const place = (fingerprint: string): SealedField => ({ table: 'audit_keys', column: 'private_key', rowId: fingerprint });

/**
 * The audit signing key, made on first use: Ed25519 from Node's crypto, a key of its own (never
 * the token or TLS key, so that rotating those leaves old digests verifiable), its private part
 * stored only sealed by the keyring. Made inside a write transaction so that two instances on
 * one store agree on one key.
 */
export async function auditSigningKey(db: Store, keyring: Sealer, clock: Clock): Promise<AuditSigningKey> {
  const row = await db.transaction().execute(async (trx) => {
    await lockAuditChain(trx);
    const found = await findActiveAuditKey(trx);
    if (found) return found;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const fingerprint = auditKeyFingerprint(publicKey);
    const created = {
      fingerprint,
      public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      private_key: keyring.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }), place(fingerprint)),
      created_at: isoAt(clock()),
      retired_at: null,
    };
    await insertAuditKey(trx, created);
    return created;
  });
  const privateKey = createPrivateKey(keyring.openText(row.private_key!, place(row.fingerprint)));
  // A sealed key that opens to another key than its row names is a swapped row: refuse to sign with it.
  if (auditKeyFingerprint(createPublicKey(privateKey)) !== row.fingerprint) throw new Error(`audit key ${row.fingerprint} does not match its private part`);
  return { fingerprint: row.fingerprint, privateKey };
}
