import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { constantTimeEqual } from '../../crypto/digest.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { claimCodeAttempt, findPendingCodes } from '../../store/repositories/codes.js';
import type { CodeRow } from '../../store/schema.js';
import { codePolicy, hashCode, type CodePurpose } from './issueCode.js';

/** The error for every failed code check: wrong, expired, used, too many tries, unknown user. */
export function invalidCode(): GatehouseError {
  return new GatehouseError('INVALID_CODE', 'The code is wrong, expired or already used; ask for a new one');
}

// Stands in for an unknown user, so that checking a code costs the same queries either way.
const nobody = `unknown-${randomUUID()}`;

/**
 * Checks `code` against the user's pending codes of `purpose`. The try is claimed first in
 * one atomic statement (codePolicy.tries per user and purpose, however many codes were
 * asked for), then compared in constant time. Returns the matching row; the caller consumes
 * it with `consumeCode` in its own transaction.
 */
export async function checkCode(runtime: Pick<Runtime, 'db' | 'hmacKey' | 'clock'>, userId: string | undefined, purpose: CodePurpose, code: string): Promise<CodeRow> {
  const subject = userId ?? nobody;
  const now = runtime.clock();
  const { short, day } = codePolicy.tries;
  const claimed = await claimCodeAttempt(runtime.db, {
    userId: subject,
    purpose,
    now: isoAt(now),
    short: { max: short.max, endsAt: isoAt(now + short.windowMs) },
    day: { max: day.max, endsAt: isoAt(now + day.windowMs) },
  });
  const pending = await findPendingCodes(runtime.db, subject, purpose, isoAt(now));
  const given = hashCode(runtime, subject, purpose, code);
  // constant time: each comparison must not tell how many leading characters matched.
  const match = pending.find((row) => constantTimeEqual(given, row.code_hash));
  if (!claimed || !match || !userId) throw invalidCode();
  return match;
}
