import type { Store } from '../store/openDatabase.js';
import { listAuditPublicKeys } from '../store/repositories/auditKeys.js';

/** An audit key as published: what offline verification needs, and nothing private. */
export interface PublishedKey {
  fingerprint: string;
  algorithm: 'Ed25519';
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

/** Every key that signed or signs audit digests, oldest first. */
export async function listPublicKeys(db: Store): Promise<PublishedKey[]> {
  return (await listAuditPublicKeys(db)).map((row) => ({ fingerprint: row.fingerprint, algorithm: 'Ed25519', publicKey: row.public_key, createdAt: row.created_at, retiredAt: row.retired_at }));
}
