import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { clearCodeAttempts, consumeCode, deleteCodes } from '../store/repositories/codes.js';
import { findUserByEmail, findUserById, markConfirmed, updatePasswordHash } from '../store/repositories/users.js';
import { checkCode, invalidCode } from './codes/checkCode.js';
import { evenTiming } from './evenTiming.js';
import { normalizeEmail } from './normalizeEmail.js';

/**
 * Confirms an address with a code sent at sign-up, and sets the password chosen with that
 * code, if it still carries one (see signUp). Each code works once; the other pending codes
 * die with it, and a confirmed address takes no more sign-up codes.
 */
export function confirmSignUp(runtime: Runtime, input: { email: string; code: string }, transact: Transact): Promise<{ passwordSet: boolean }> {
  return evenTiming(async () => {
    const user = await findUserByEmail(runtime.db, normalizeEmail(input.email));
    const code = await checkCode(runtime, user?.id, 'confirm', input.code);
    const at = isoAt(runtime.clock());
    return transact(async (trx) => {
      if ((await findUserById(trx, code.user_id))?.confirmed_at || !(await consumeCode(trx, code.id, at))) throw invalidCode();
      if (code.password_hash) await updatePasswordHash(trx, code.user_id, code.password_hash, at);
      await markConfirmed(trx, code.user_id, at);
      await deleteCodes(trx, code.user_id, 'confirm');
      await clearCodeAttempts(trx, code.user_id, 'confirm');
      return { principalId: code.user_id, passwordSet: code.password_hash !== null };
    });
  });
}
