import { randomUUID } from 'node:crypto';
import { isoAt } from '../clock/clock.js';
import { sendInBackground } from '../delivery/sendInBackground.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { hasPendingCode, saveCode, unbindPendingPasswords } from '../store/repositories/codes.js';
import { findUserByEmail, insertUserIfAbsent } from '../store/repositories/users.js';
import { issueCode } from './codes/issueCode.js';
import { normalizeEmail } from './normalizeEmail.js';
import { checkPasswordPolicy } from './passwords/checkPasswordPolicy.js';
import { hashPassword } from './passwords/hashPassword.js';

/**
 * Registers an address and e-mails a confirmation code. The password chosen travels with
 * the code and takes effect only when that code confirms the address. An address signed up
 * again while a code is pending is contested: nobody can tell whose sign-up the owner will
 * confirm, so no chosen password is kept and the owner sets one through "forgot password".
 * An address already confirmed gets a notice instead. Every path costs one Argon2id hash
 * and answers the same.
 */
export async function signUp(runtime: Runtime, input: { email: string; password: string }, transact: Transact): Promise<void> {
  const email = normalizeEmail(input.email);
  checkPasswordPolicy(input.password, email);
  const passwordHash = await hashPassword(input.password);
  const now = isoAt(runtime.clock());

  const outcome = await transact(async (trx) => {
    await insertUserIfAbsent(trx, { id: randomUUID(), email, password_hash: null, confirmed_at: null, disabled_at: null, created_at: now, updated_at: now });
    const user = (await findUserByEmail(trx, email))!;
    if (user.confirmed_at) return { kind: 'registered' as const };
    const contested = await hasPendingCode(trx, user.id, 'confirm', now);
    if (contested) await unbindPendingPasswords(trx, user.id);
    const { row, code } = issueCode(runtime, user.id, 'confirm', contested ? null : passwordHash);
    await saveCode(trx, row);
    return { kind: contested ? ('contested' as const) : ('new' as const), code };
  });

  if (outcome.kind === 'registered') {
    sendInBackground(runtime, {
      channel: 'email',
      to: email,
      subject: 'Someone tried to sign up with your address',
      text: 'Somebody tried to create a Gatehouse account with this e-mail address, which already has one. If it was you, sign in or reset your password. Otherwise you can ignore this message.',
    });
    return;
  }
  const text =
    outcome.kind === 'new'
      ? `Your confirmation code is ${outcome.code}. It expires in 10 minutes. If you did not just sign up, ignore this message: nothing happens without the code.`
      : `Your confirmation code is ${outcome.code}. It expires in 10 minutes. This address was signed up more than once, so for your safety no password chosen at sign-up is kept: after confirming, choose your password with "Forgot password". If you did not sign up, ignore this message.`;
  sendInBackground(runtime, { channel: 'email', to: email, subject: 'Your Gatehouse confirmation code', text, code: outcome.code });
}
