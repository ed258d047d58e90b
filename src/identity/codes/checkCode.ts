import { isoAt } from '../../clock/clock.js';
import { constantTimeEqual } from '../../crypto/digest.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { CodeRow } from '../../store/schema.js';
import { claimCodeAttempt, findPendingCode } from '../../store/repositories/codes.js';
import { codePolicy, hashCode, type CodePurpose } from './issueCode.js';

const invalid = () => new GatehouseError('INVALID_CODE', 'The code is wrong, expired or already used; ask for a new one');

/**
 * Checks `code` against the user's pending code of `purpose`. Each try is claimed in one
 * atomic UPDATE before comparing, so parallel guesses cannot exceed the five allowed.
 * Returns the row; the caller consumes it with `consumeCode` in its own transaction.
 * Unknown users (`userId` undefined) get the same answer after the same work.
 */
export async function checkCode(runtime: Pick<Runtime, 'db' | 'hmacKey' | 'clock'>, userId: string | undefined, purpose: CodePurpose, code: string): Promise<CodeRow> {
  const expected = userId ? await findPendingCode(runtime.db, userId, purpose) : undefined;
  const given = hashCode(runtime, userId ?? 'unknown', purpose, code);
  if (!expected || expected.expires_at <= isoAt(runtime.clock())) throw invalid();
  if (!(await claimCodeAttempt(runtime.db, expected.id, codePolicy.maxAttempts))) throw invalid();
  // constant time: the comparison must not tell how many leading characters matched.
  if (!constantTimeEqual(given, expected.code_hash)) throw invalid();
  return expected;
}
