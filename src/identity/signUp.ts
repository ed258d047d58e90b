import { randomUUID } from 'node:crypto';
import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { replaceCode } from '../store/repositories/codes.js';
import { findUserByEmail, insertUser } from '../store/repositories/users.js';
import { issueCode } from './codes/issueCode.js';
import { normalizeEmail } from './normalizeEmail.js';
import { checkPasswordPolicy } from './passwords/checkPasswordPolicy.js';
import { hashPassword } from './passwords/hashPassword.js';

/**
 * Registers an account and e-mails a confirmation code. For an address already registered
 * it does the same work (one Argon2id hash, one message) and answers the same, so that
 * sign-up reveals nothing: an unconfirmed account gets a new code, a confirmed one a notice.
 */
export async function signUp(runtime: Runtime, input: { email: string; password: string }, transact: Transact): Promise<void> {
  const email = normalizeEmail(input.email);
  checkPasswordPolicy(input.password, email);
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(runtime.db, email);
  const now = isoAt(runtime.clock());

  if (existing?.confirmed_at) {
    await transact(async () => undefined);
    await runtime.deliver({
      channel: 'email',
      to: email,
      subject: 'Someone tried to sign up with your address',
      text: 'Somebody tried to create a Gatehouse account with this e-mail address, which already has one. If it was you, sign in or reset your password. Otherwise you can ignore this message.',
    });
    return;
  }

  const userId = existing?.id ?? randomUUID();
  const { row, code } = issueCode(runtime, userId, 'confirm');
  await transact(async (trx) => {
    if (!existing) {
      await insertUser(trx, { id: userId, email, password_hash: passwordHash, confirmed_at: null, disabled_at: null, created_at: now, updated_at: now });
    }
    await replaceCode(trx, row);
  });
  await runtime.deliver({
    channel: 'email',
    to: email,
    subject: 'Your Gatehouse confirmation code',
    text: `Your confirmation code is ${code}. It expires in 10 minutes.`,
    code,
  });
}
