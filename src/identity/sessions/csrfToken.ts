import { constantTimeEqual, hmacHex } from '../../crypto/digest.js';

/**
 * The session's CSRF token: an HMAC of the session's token hash under the server key.
 * Bound to one session, never stored, and useless to an attacker who cannot read the page.
 */
export function csrfTokenFor(hmacKey: Buffer, tokenHash: string): string {
  return hmacHex(hmacKey, `csrf:${tokenHash}`);
}

/** True when `given` is the session's CSRF token (constant time). */
export function isValidCsrfToken(hmacKey: Buffer, tokenHash: string, given: string | undefined): boolean {
  return given !== undefined && constantTimeEqual(given, csrfTokenFor(hmacKey, tokenHash));
}
