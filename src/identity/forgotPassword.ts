import { sendInBackground } from '../delivery/sendInBackground.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { saveCode } from '../store/repositories/codes.js';
import { findUserByEmail } from '../store/repositories/users.js';
import { isDisabled } from './accountDisabled.js';
import { issueCode } from './codes/issueCode.js';
import { evenTiming } from './evenTiming.js';
import { normalizeEmail } from './normalizeEmail.js';

/**
 * Sends a reset code when the address has an account; the caller answers 202 either way,
 * after the same delay and with the message sent in the background, so the answer reveals
 * nothing about which addresses are registered.
 */
export function forgotPassword(runtime: Runtime, input: { email: string }, transact: Transact): Promise<void> {
  return evenTiming(async () => {
    const email = normalizeEmail(input.email);
    const user = await findUserByEmail(runtime.db, email);
    if (!user || isDisabled(user, runtime.clock())) {
      await transact(async () => null);
      return;
    }
    const { row, code } = issueCode(runtime, user.id, 'reset');
    await transact((trx) => saveCode(trx, row));
    sendInBackground(runtime, {
      channel: 'email',
      to: email,
      subject: 'Your Gatehouse password reset code',
      text: `Your password reset code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message: your password is unchanged.`,
      code,
    });
  });
}
