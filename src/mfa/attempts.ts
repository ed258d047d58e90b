import { randomUUID } from 'node:crypto';
import { isoAt } from '../clock/clock.js';
import { sha256Hex } from '../crypto/digest.js';
import { randomToken } from '../crypto/randomToken.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Runtime } from '../runtime/Runtime.js';
import { deleteStepUpChallenges, findStepUpChallenge, insertChallenge, setChallengeValue, takeChallengeValue } from '../store/repositories/mfaChallenges.js';
import { listEnabledFactors } from '../store/repositories/mfaFactors.js';
import { offeredMethod } from './methods/mfaMethods.js';
import type { AcceptedFactor, MfaAttempt, MfaProof } from './methods/MfaMethod.js';

/** How long a challenge handed out for a step-up (an SMS, WebAuthn options) waits for its answer. */
const stepUpChallengeTtlMs = 5 * 60_000;

type User = MfaAttempt['user'];

/** The attempt of a sign-in's second step; challenges wait on the mfaToken's own row. */
export async function signInAttempt(runtime: Runtime, user: User, challengeId: string): Promise<MfaAttempt> {
  return {
    runtime,
    user,
    factors: await listEnabledFactors(runtime.db, user.id),
    binding: { kind: 'sign-in', challengeId },
    slot: { put: (value) => setChallengeValue(runtime.db, challengeId, value), take: () => takeChallengeValue(runtime.db, challengeId) },
  };
}

/** The attempt of a signed-in session stepping up; a challenge waits in a row bound to that session. */
export async function stepUpAttempt(runtime: Runtime, user: User, sessionId: string): Promise<MfaAttempt> {
  return {
    runtime,
    user,
    factors: await listEnabledFactors(runtime.db, user.id),
    binding: { kind: 'step-up', sessionId },
    slot: {
      async put(value) {
        const now = runtime.clock();
        await deleteStepUpChallenges(runtime.db, sessionId);
        await insertChallenge(runtime.db, {
          id: randomUUID(),
          // Never handed out: the session is what the challenge is bound to.
          token_hash: sha256Hex(randomToken()),
          user_id: user.id,
          purpose: 'step-up',
          session_id: sessionId,
          tries: 0,
          challenge: value,
          expires_at: isoAt(now + stepUpChallengeTtlMs),
          consumed_at: null,
          created_at: isoAt(now),
        });
      },
      async take() {
        const row = await findStepUpChallenge(runtime.db, sessionId, isoAt(runtime.clock()));
        return row ? takeChallengeValue(runtime.db, row.id) : undefined;
      },
    },
  };
}

/** The error for every failed second step: wrong, replayed or expired code, unknown method answer. */
export function invalidSecondFactor(): GatehouseError {
  return new GatehouseError('INVALID_CODE', 'The code is wrong, expired or already used');
}

/** Checks the proof with the named method; throws INVALID_CODE when it does not hold. */
export async function proveSecondFactor(attempt: MfaAttempt, methodName: string, proof: MfaProof): Promise<AcceptedFactor> {
  const method = await offeredMethod(attempt, methodName);
  const accepted = await method.verify(attempt, proof);
  if (!accepted) throw invalidSecondFactor();
  return accepted;
}

/** Asks the named method for its challenge (sends the SMS, makes WebAuthn options); `{}` for a method without one. */
export async function challengeSecondFactor(attempt: MfaAttempt, methodName: string): Promise<Record<string, unknown>> {
  const method = await offeredMethod(attempt, methodName);
  return method.challenge ? method.challenge(attempt) : {};
}
