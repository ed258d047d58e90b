import { createHash, type KeyObject } from 'node:crypto';

/** A public key's fingerprint: SHA-256 of its DER SubjectPublicKeyInfo, hex (as `ssh-keygen -l` over SPKI). */
export function auditKeyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}
