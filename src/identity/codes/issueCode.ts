import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { hmacHex } from '../../crypto/digest.js';
import { randomDigits } from '../../crypto/randomToken.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { CodeRow } from '../../store/schema.js';

/** What a one-time code may be used for. */
export type CodePurpose = 'confirm' | 'reset';

/** Six digits from the CSPRNG, valid ten minutes, five tries per ten minutes, single use. */
export const codePolicy = { digits: 6, ttlMs: 10 * 60_000, maxAttempts: 5 } as const;

/** The stored form of a code: an HMAC under the server key, so a leaked table does not give codes away. */
export function hashCode(runtime: Pick<Runtime, 'hmacKey'>, userId: string, purpose: CodePurpose, code: string): string {
  return hmacHex(runtime.hmacKey, `${purpose}:${userId}:${code}`);
}

/**
 * Makes a new code for `userId`; the caller stores the row with `saveCode` and sends `code`.
 * A sign-up code carries the password chosen with it, applied only when it confirms.
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
