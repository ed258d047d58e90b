import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { sha256Hex } from '../../crypto/digest.js';
import { randomToken } from '../../crypto/randomToken.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { MfaChallengeRow } from '../../store/schema.js';
import { signInAttempt } from '../attempts.js';
import type { MfaMethodName } from '../methods/MfaMethod.js';
import { offeredMethods } from '../methods/mfaMethods.js';
import { mustHaveMfa } from '../policy/mustHaveMfa.js';

/** The mfaToken lives five minutes; a setupToken fifteen (scanning a QR code takes a while). */
export const mfaTokenTtlMs = 5 * 60_000;
export const setupTokenTtlMs = 15 * 60_000;

/** The answer to a correct password that is not enough on its own. */
export type SecondStepAnswer = { status: 'MFA_REQUIRED'; mfaToken: string; methods: MfaMethodName[] } | { status: 'MFA_SETUP_REQUIRED'; setupToken: string };

/** That answer and the pending row the caller stores. */
export type SecondStep = { answer: SecondStepAnswer; row: MfaChallengeRow };

/**
 * After a correct password: a user with a factor gets an mfaToken for the second step, bound
 * to this first step (its own row, user and expiry); root or an admin without one gets a
 * setupToken that only enrols a factor; anyone else is signed in at once (undefined).
 */
export async function startSecondStep(runtime: Runtime, user: { id: string; email: string }, groups: string[]): Promise<SecondStep | undefined> {
  const now = runtime.clock();
  const token = randomToken();
  const row = (purpose: string, ttlMs: number): MfaChallengeRow => ({
    id: randomUUID(),
    token_hash: sha256Hex(token),
    user_id: user.id,
    purpose,
    session_id: null,
    tries: 0,
    challenge: null,
    expires_at: isoAt(now + ttlMs),
    consumed_at: null,
    created_at: isoAt(now),
  });
  const signIn = row('sign-in', mfaTokenTtlMs);
  const attempt = await signInAttempt(runtime, user, signIn.id);
  if (attempt.factors.length > 0) return { answer: { status: 'MFA_REQUIRED', mfaToken: token, methods: await offeredMethods(attempt) }, row: signIn };
  if (mustHaveMfa(groups)) return { answer: { status: 'MFA_SETUP_REQUIRED', setupToken: token }, row: row('setup', setupTokenTtlMs) };
  return undefined;
}
