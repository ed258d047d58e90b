import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Runtime } from '../../runtime/Runtime.js';
import type { ChallengeBinding } from './challengeBinding.js';
import { claimChallenge } from './claimChallenge.js';
import { verifyAssertion, type VerifiedAssertion } from './verifyAssertion.js';
import { webauthnRefused } from './webauthnRefused.js';

/**
 * Checks a security key's answer to the sign-in or step-up challenge bound to `binding`
 * (the mfaToken, or the session stepping up). The challenge is spent whatever the outcome;
 * the caller commits `recordUse` with the rest of its writes.
 */
export async function finishAuthentication(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config' | 'keyring' | 'logger'>,
  input: { userId: string; binding: ChallengeBinding; response: AuthenticationResponseJSON },
): Promise<VerifiedAssertion> {
  const challenge = await claimChallenge(runtime, input.binding, 'authenticate');
  if (challenge.user_id !== input.userId) throw webauthnRefused();
  return verifyAssertion(runtime, challenge, input.response);
}
