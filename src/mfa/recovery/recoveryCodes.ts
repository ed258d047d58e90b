import { randomInt } from 'node:crypto';
import { hmacHex } from '../../crypto/digest.js';
import type { Runtime } from '../../runtime/Runtime.js';

/** Ten codes a set, as the peers give. */
export const recoveryCodeCount = 10;

// Base32 without look-alikes the user may mistype when reading a printout.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten fresh codes of 10 characters (about 49 bits each) from the CSPRNG, as `xxxxx-xxxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * The stored form: an HMAC under the server key, bound to the user. Looked up by equality
 * (NOT constant time), which is safe because the HMAC's key is secret: timing tells nothing usable.
 */
export function hashRecoveryCode(runtime: Pick<Runtime, 'hmacKey'>, userId: string, code: string): string {
  const normalized = code.toLowerCase().replace(/[\s-]/g, '');
  return hmacHex(runtime.hmacKey, `recovery:${userId}:${normalized}`);
}
