import { randomUUID } from 'node:crypto';
import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { saveCode } from '../store/repositories/codes.js';
import { findUserByEmail, insertUserIfAbsent } from '../store/repositories/users.js';
import { issueCode } from './codes/issueCode.js';
import { normalizeEmail } from './normalizeEmail.js';
import { checkPasswordPolicy } from './passwords/checkPasswordPolicy.js';
import { hashPassword } from './passwords/hashPassword.js';

/**
 * Registers an address and e-mails a confirmation code. The password chosen travels with
 * the code and takes effect only when that code confirms the address, so whoever signs up
 * an address first cannot keep it from its owner. An address already confirmed gets a
 * notice instead; both cost one Argon2id hash and one message and answer the same.
 */
export async function signUp(runtime: Runtime, input: { email: string; password: string }, transact: Transact): Promise<void> {
  const email = normalizeEmail(input.email);
  checkPasswordPolicy(input.password, email);
  const passwordHash = await hashPassword(input.password);
  const now = isoAt(runtime.clock());

  const issued = await transact(async (trx) => {
    await insertUserIfAbsent(trx, { id: randomUUID(), email, password_hash: null, confirmed_at: null, disabled_at: null, created_at: now, updated_at: now });
    const user = (await findUserByEmail(trx, email))!;
    if (user.confirmed_at) return { confirmed: true as const };
    const { row, code } = issueCode(runtime, user.id, 'confirm', passwordHash);
    await saveCode(trx, row);
    return { confirmed: false as const, code };
  });

  if (issued.confirmed) {
    await runtime.deliver({
      channel: 'email',
      to: email,
      subject: 'Someone tried to sign up with your address',
      text: 'Somebody tried to create a Gatehouse account with this e-mail address, which already has one. If it was you, sign in or reset your password. Otherwise you can ignore this message.',
    });
    return;
  }
  await runtime.deliver({
    channel: 'email',
    to: email,
    subject: 'Your Gatehouse confirmation code',
    text: `Your confirmation code is ${issued.code}. It expires in 10 minutes. If you did not just sign up, ignore this message: nothing happens without the code.`,
    code: issued.code,
  });
}
