import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { hmacHex } from '../../crypto/digest.js';
import { randomDigits } from '../../crypto/randomToken.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { CodeRow } from '../../store/schema.js';

/** What a one-time code may be used for. */
export type CodePurpose = 'confirm' | 'reset' | 'mfa-sms' | 'mfa-sms-enrol';

/**
 * Eight digits from the CSPRNG, valid ten minutes, single use. Tries per user and purpose:
 * five per ten minutes against bursts, twenty per day against slow guessing (with up to
 * three live codes, a year of it finds a code with odds of about 1 in 5,000).
 */
export const codePolicy = {
  digits: 8,
  ttlMs: 10 * 60_000,
  tries: { short: { max: 5, windowMs: 10 * 60_000 }, day: { max: 20, windowMs: 24 * 3_600_000 } },
} as const;

/** The stored form of a code: an HMAC under the server key, so a leaked table does not give codes away. */
export function hashCode(runtime: Pick<Runtime, 'hmacKey'>, userId: string, purpose: CodePurpose, code: string): string {
  return hmacHex(runtime.hmacKey, `${purpose}:${userId}:${code}`);
}

/**
 * Makes a new code for `userId`; the caller stores the row with `saveCode` and sends `code`.
 * A sign-up code may carry the password chosen with it, applied only when it confirms.
 */
export function issueCode(runtime: Pick<Runtime, 'hmacKey' | 'clock'>, userId: string, purpose: CodePurpose, passwordHash: string | null = null): { row: CodeRow; code: string } {
  const now = runtime.clock();
  const code = randomDigits(codePolicy.digits);
  const row: CodeRow = {
    id: randomUUID(),
    user_id: userId,
    purpose,
    code_hash: hashCode(runtime, userId, purpose, code),
    password_hash: passwordHash,
    expires_at: isoAt(now + codePolicy.ttlMs),
    consumed_at: null,
    created_at: isoAt(now),
  };
  return { row, code };
}
