import { isoAt } from '../clock/clock.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Runtime } from '../runtime/Runtime.js';
import { addressKey } from '../shield/addressKey.js';
import type { Transact } from '../store/Transact.js';
import { startSecondStep, type SecondStepAnswer } from '../mfa/signIn/startSecondStep.js';
import { listUserGroups } from '../store/repositories/groups.js';
import { deleteEndedChallenges, insertChallenge } from '../store/repositories/mfaChallenges.js';
import { hasSignedInFrom, insertSession } from '../store/repositories/sessions.js';
import { findUserByEmail, updatePasswordHash } from '../store/repositories/users.js';
import type { SessionRow, UserRow } from '../store/schema.js';
import { isDisabled } from './accountDisabled.js';
import { normalizeEmail } from './normalizeEmail.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords/hashPassword.js';
import { newSession, type Origin } from './sessions/newSession.js';

/** A successful sign-in: the cookie token (shown once) and what the caller may see. */
export interface SignedInResult {
  status: 'SIGNED_IN';
  token: string;
  session: SessionRow;
  user: UserRow;
  groups: string[];
}

/** A sign-in: done, or waiting for a second factor (or its enrolment) before a session opens. */
export type SignInResult = SignedInResult | SecondStepAnswer;

// One answer for every failure, unconfirmed addresses included: it must not tell which part was wrong.
const invalidCredentials = () => new GatehouseError('INVALID_CREDENTIALS', 'The e-mail or password is wrong, or the address is not confirmed yet');

/**
 * Checks a password and opens a new session. Unknown e-mails are checked against a dummy
 * hash so that every failure costs one Argon2id verification and answers the same.
 * A hash made with older parameters is re-hashed (OWASP: upgrade on sign-in). A user with a
 * second factor, or root/an admin without one, gets a token for the next step instead of a session.
 */
export async function signIn(runtime: Runtime, input: { email: string; password: string; origin: Origin }, transact: Transact): Promise<SignInResult> {
  const identifier = normalizeEmail(input.email);
  const user = await findUserByEmail(runtime.db, identifier);
  const ip = input.origin.sourceIp;
  // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): an unknown e-mail answered at once, in its own words.
  if (!user && runtime.weakened.has('uniformSignIn')) throw new GatehouseError('INVALID_CREDENTIALS', 'No account has this e-mail address');
  // OWASP: a lock must not lock the owner out, so an address this account signed in from
  // before (by `addressKey`: another address in the same IPv6 prefix is the same client) is
  // held to its own (identifier, address) count only.
  // Asked for unknown e-mails too (of no user), so that both paths cost the same query.
  const knownAddress = ip !== null && (await hasSignedInFrom(runtime.db, user?.id ?? '', addressKey(ip, runtime.config.shield.ipv6Prefix), ip));
  // Reserved before the hash is checked: parallel attempts each take a count of their own.
  // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): no brute-force count.
  const attempt = runtime.weakened.has('bruteForce') ? { succeeded: async () => undefined } : await runtime.shield.signInGuard.reserve({ identifier, ip, knownAddress });
  const passwordHash = user?.password_hash ?? runtime.dummyPasswordHash;
  const passwordOk = await verifyPassword(passwordHash, input.password);
  // An unconfirmed sign-up has no password yet (it arrives with the confirmation), so it lands here too.
  if (!user || !user.password_hash || !passwordOk || isDisabled(user, runtime.clock()) || !user.confirmed_at) throw invalidCredentials();
  await attempt.succeeded();

  const rehash = needsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  const groups = await listUserGroups(runtime.db, user.id);
  const secondStep = await startSecondStep(runtime, user, groups);
  if (secondStep) {
    const { row: pending, answer } = secondStep;
    await transact(async (trx) => {
      await deleteEndedChallenges(trx, user.id, pending.created_at);
      await insertChallenge(trx, pending);
      if (rehash) await updatePasswordHash(trx, user.id, rehash, pending.created_at);
      return { principalId: user.id, status: answer.status, hashUpgraded: rehash !== undefined };
    });
    return answer;
  }
  const { token, row } = newSession(runtime, user.id, input.origin);
  await transact(async (trx) => {
    await insertSession(trx, row);
    if (rehash) await updatePasswordHash(trx, user.id, rehash, isoAt(runtime.clock()));
    return { principalId: user.id, sessionId: row.id, status: 'SIGNED_IN', hashUpgraded: rehash !== undefined };
  });
  return { status: 'SIGNED_IN', token, session: row, user, groups };
}
