import { createPublicKey, type KeyObject } from 'node:crypto';
import { auditKeyFingerprint } from './auditKeyFingerprint.js';

/**
 * Public keys (PEM) by the fingerprint computed here, never by a fingerprint stored next to
 * them: a key is trusted for what it is. Anything that is not an Ed25519 public key is left out.
 */
export function publicKeyMap(pems: string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const pem of pems) {
    try {
      const key = createPublicKey(pem);
      if (key.asymmetricKeyType === 'ed25519') keys.set(auditKeyFingerprint(key), key);
    } catch {
      // Not a key: it verifies nothing, so the digests it was meant for show "unknown key".
    }
  }
  return keys;
}
