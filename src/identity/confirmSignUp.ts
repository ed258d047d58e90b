import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { consumeCode, deleteCodes } from '../store/repositories/codes.js';
import { findUserByEmail, markConfirmed, updatePasswordHash } from '../store/repositories/users.js';
import { checkCode, invalidCode } from './codes/checkCode.js';
import { evenTiming } from './evenTiming.js';
import { normalizeEmail } from './normalizeEmail.js';

/**
 * Confirms an address with a code sent at sign-up, and sets the password chosen with that
 * code. Each code works once; the other pending codes of the address die with it.
 */
export function confirmSignUp(runtime: Runtime, input: { email: string; code: string }, transact: Transact): Promise<void> {
  return evenTiming(async () => {
    const user = await findUserByEmail(runtime.db, normalizeEmail(input.email));
    const code = await checkCode(runtime, user?.id, 'confirm', input.code);
    const at = isoAt(runtime.clock());
    await transact(async (trx) => {
      if (!(await consumeCode(trx, code.id, at))) throw invalidCode();
      if (code.password_hash) await updatePasswordHash(trx, code.user_id, code.password_hash, at);
      await markConfirmed(trx, code.user_id, at);
      await deleteCodes(trx, code.user_id, 'confirm');
      return { principalId: code.user_id, status: 'CONFIRMED' };
    });
  });
}
