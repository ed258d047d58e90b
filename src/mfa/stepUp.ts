import { isoAt } from '../clock/clock.js';
import type { SignedIn } from '../identity/sessions/resolveSession.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { clearCodeAttempts } from '../store/repositories/codes.js';
import { markSessionAuthenticated } from '../store/repositories/sessions.js';
import { claimTry, type TryLimit } from './claimTry.js';
import { challengeSecondFactor, invalidSecondFactor, proveSecondFactor, stepUpAttempt } from './attempts.js';
import type { MfaProof } from './methods/MfaMethod.js';

// Step-up tries per user, however many sessions: five per ten minutes, twenty a day.
const stepUpTries: TryLimit = { short: { max: 5, windowMs: 10 * 60_000 }, day: { max: 20, windowMs: 24 * 3_600_000 } };

/** `POST /auth/step-up/challenge`: sends the SMS code, or hands out WebAuthn options, for this session. */
export async function challengeStepUp(runtime: Runtime, caller: SignedIn, method: string): Promise<Record<string, unknown>> {
  return challengeSecondFactor(await stepUpAttempt(runtime, caller.user, caller.session.id), method);
}

/**
 * `POST /auth/step-up`: proves a second factor again in a live session, which then counts as
 * MFA-authenticated now (Cedar sees `mfa` true and `authAge` 0).
 */
export async function stepUp(runtime: Runtime, caller: SignedIn, input: { method: string; proof: MfaProof }, transact: Transact): Promise<{ authenticatedAt: string }> {
  if (!(await claimTry(runtime, caller.user.id, 'step-up', stepUpTries))) throw invalidSecondFactor();
  const accepted = await proveSecondFactor(await stepUpAttempt(runtime, caller.user, caller.session.id), input.method, input.proof);
  const at = isoAt(runtime.clock());
  await transact(async (trx) => {
    if (!(await accepted.commit(trx, at))) throw invalidSecondFactor();
    await markSessionAuthenticated(trx, caller.session.id, at);
    await clearCodeAttempts(trx, caller.user.id, 'step-up');
    return { sessionId: caller.session.id, mfa: { factorType: accepted.factorType, outcome: 'SUCCESS' } };
  });
  return { authenticatedAt: at };
}
