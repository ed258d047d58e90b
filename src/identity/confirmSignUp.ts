import { isoAt } from '../clock/clock.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { consumeCode } from '../store/repositories/codes.js';
import { findUserByEmail, markConfirmed } from '../store/repositories/users.js';
import { checkCode } from './codes/checkCode.js';
import { normalizeEmail } from './normalizeEmail.js';

/** Confirms an account's e-mail with the code sent at sign-up; each code works once. */
export async function confirmSignUp(runtime: Runtime, input: { email: string; code: string }, transact: Transact): Promise<void> {
  const user = await findUserByEmail(runtime.db, normalizeEmail(input.email));
  const code = await checkCode(runtime, user?.id, 'confirm', input.code);
  const at = isoAt(runtime.clock());
  await transact(async (trx) => {
    if (!(await consumeCode(trx, code.id, at))) {
      throw new GatehouseError('INVALID_CODE', 'The code is wrong, expired or already used; ask for a new one');
    }
    await markConfirmed(trx, code.user_id, at);
  });
}
