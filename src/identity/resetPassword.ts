import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { clearCodeAttempts, consumeCode, deleteCodes } from '../store/repositories/codes.js';
import { consumeUserChallenges } from '../store/repositories/mfaChallenges.js';
import { revokeUserSessions } from '../store/repositories/sessions.js';
import { findUserByEmail, markConfirmed, updatePasswordHash } from '../store/repositories/users.js';
import { checkCode, invalidCode } from './codes/checkCode.js';
import { evenTiming } from './evenTiming.js';
import { normalizeEmail } from './normalizeEmail.js';
import { checkPasswordPolicy } from './passwords/checkPasswordPolicy.js';
import { hashPassword } from './passwords/hashPassword.js';

/**
 * Sets a new password with the code from `forgotPassword`, and ends every session of the
 * account: whoever knew the old password is signed out. Receiving the code proves the
 * address, so an unconfirmed account becomes confirmed.
 */
export function resetPassword(runtime: Runtime, input: { email: string; code: string; password: string }, transact: Transact): Promise<void> {
  return evenTiming(async () => {
    const email = normalizeEmail(input.email);
    checkPasswordPolicy(input.password, email);
    const user = await findUserByEmail(runtime.db, email);
    const code = await checkCode(runtime, user?.id, 'reset', input.code);
    const passwordHash = await hashPassword(input.password);
    const at = isoAt(runtime.clock());
    const ended = await transact(async (trx) => {
      // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): the code stays pending after use.
      const singleUse = !runtime.weakened.has('codeSingleUse');
      if (singleUse && !(await consumeCode(trx, code.id, at))) throw invalidCode();
      await updatePasswordHash(trx, code.user_id, passwordHash, at);
      await markConfirmed(trx, code.user_id, at);
      if (singleUse) await deleteCodes(trx, code.user_id, 'reset');
      // The address is proven now: pending sign-up codes (perhaps someone else's) are void.
      await deleteCodes(trx, code.user_id, 'confirm');
      await clearCodeAttempts(trx, code.user_id, 'reset');
      // Whoever knew the old password may hold an mfaToken or setupToken from it: they end too.
      await consumeUserChallenges(trx, code.user_id, at);
      const sessionIds = await revokeUserSessions(trx, code.user_id, at);
      return { principalId: code.user_id, sessionsEnded: sessionIds.length, sessionIds };
    });
    // The code proved the owner: failed sign-ins by whoever tried the account no longer hold them back.
    await runtime.shield.signInGuard.clear(email);
    runtime.sessionRevocations.announce(ended.sessionIds);
  });
}
