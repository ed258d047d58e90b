import { isoAt } from '../../clock/clock.js';
import { sha256Hex } from '../../crypto/digest.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { isDisabled } from '../../identity/accountDisabled.js';
import { newSession, type Origin } from '../../identity/sessions/newSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { clearCodeAttempts } from '../../store/repositories/codes.js';
import { listUserGroups } from '../../store/repositories/groups.js';
import { claimChallengeTry, consumeChallenge, findLiveChallenge } from '../../store/repositories/mfaChallenges.js';
import { insertSession } from '../../store/repositories/sessions.js';
import { findUserById } from '../../store/repositories/users.js';
import type { MfaChallengeRow, SessionRow, UserRow } from '../../store/schema.js';
import { challengeSecondFactor, invalidSecondFactor, proveSecondFactor, signInAttempt } from '../attempts.js';
import { claimTry, type TryLimit } from '../claimTry.js';
import type { MfaProof } from '../methods/MfaMethod.js';

/** At most five answers per mfaToken; then the user signs in again (and pays an Argon2id check). */
export const mfaTokenMaxTries = 5;

// Second-step tries per user across every mfaToken: whoever knows the password cannot buy
// unlimited guesses at a six-digit code by signing in again (10 per 10 minutes, 30 a day).
const secondStepTries: TryLimit = { short: { max: 10, windowMs: 10 * 60_000 }, day: { max: 30, windowMs: 24 * 3_600_000 } };

const ended = () => new GatehouseError('UNAUTHENTICATED', 'This sign-in has ended (expired, used or out of tries); sign in again');

async function liveSignIn(runtime: Runtime, mfaToken: string): Promise<{ challenge: MfaChallengeRow; user: UserRow }> {
  const challenge = await findLiveChallenge(runtime.db, sha256Hex(mfaToken), 'sign-in', isoAt(runtime.clock()));
  const user = challenge && (await findUserById(runtime.db, challenge.user_id));
  if (!challenge || !user || isDisabled(user, runtime.clock())) throw ended();
  return { challenge, user };
}

/** `POST /auth/sign-in/mfa/challenge`: sends the SMS code, or hands out WebAuthn options, for this sign-in. */
export async function challengeSignIn(runtime: Runtime, input: { mfaToken: string; method: string }): Promise<Record<string, unknown>> {
  const { challenge, user } = await liveSignIn(runtime, input.mfaToken);
  return challengeSecondFactor(await signInAttempt(runtime, user, challenge.id), input.method);
}

/**
 * `POST /auth/sign-in/mfa`: the second step. The try is claimed first (at most five per
 * mfaToken), then the proof checked; the token, the code (or counter) and the new session are
 * settled in one transaction, so a code or token is never accepted twice.
 */
export async function completeSignIn(
  runtime: Runtime,
  input: { mfaToken: string; method: string; proof: MfaProof; origin: Origin },
  transact: Transact,
): Promise<{ token: string; session: SessionRow; user: UserRow; groups: string[] }> {
  const { challenge, user } = await liveSignIn(runtime, input.mfaToken);
  if (!(await claimChallengeTry(runtime.db, challenge.id, mfaTokenMaxTries))) throw ended();
  if (!(await claimTry(runtime, user.id, 'sign-in-mfa', secondStepTries))) throw invalidSecondFactor();
  const accepted = await proveSecondFactor(await signInAttempt(runtime, user, challenge.id), input.method, input.proof);
  const { token, row } = newSession(runtime, user.id, input.origin, true);
  const groups = await listUserGroups(runtime.db, user.id);
  await transact(async (trx) => {
    if (!(await consumeChallenge(trx, challenge.id, row.created_at))) throw ended();
    if (!(await accepted.commit(trx, row.created_at))) throw invalidSecondFactor();
    await insertSession(trx, row);
    await clearCodeAttempts(trx, user.id, 'sign-in-mfa');
    return { principalId: user.id, sessionId: row.id, status: 'SIGNED_IN', mfa: { factorType: accepted.factorType, outcome: 'SUCCESS' } };
  });
  return { token, session: row, user, groups };
}
