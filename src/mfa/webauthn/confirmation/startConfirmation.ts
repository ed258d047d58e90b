import { randomBytes, randomUUID } from 'node:crypto';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { isoAt } from '../../../clock/clock.js';
import type { Runtime } from '../../../runtime/Runtime.js';
import type { Transact } from '../../../store/Transact.js';
import { saveWebauthnChallenge } from '../../../store/repositories/webauthnChallenges.js';
import { authenticationOptions } from '../authenticationOptions.js';
import { bindingKey } from '../challengeBinding.js';
import { challengeLifetimeMs } from '../challengeLifetime.js';
import { canonicalAction, type SensitiveAction } from './canonicalAction.js';

/** What the actor's browser shows and signs: the action, its hash, and the request options whose challenge is that hash. */
export interface ConfirmationRequest {
  action: SensitiveAction;
  actionSha256: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}

/**
 * Opens the confirmation of a sensitive action by its actor: a single-use challenge, bound to
 * the actor's session, equal to SHA-256(JCS(action)), so that the key's signature covers
 * exactly this action.
 */
export async function startConfirmation(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config'>,
  input: { actor: string; sessionId: string; action: string; resource: string; value: unknown },
  transact: Transact,
): Promise<ConfirmationRequest> {
  const action: SensitiveAction = {
    actor: input.actor,
    action: input.action,
    resource: input.resource,
    value: input.value,
    nonce: randomBytes(16).toString('base64url'),
    at: isoAt(runtime.clock()),
  };
  const { json, sha256 } = canonicalAction(action);
  const actionSha256 = sha256.toString('hex');
  const options = await authenticationOptions(runtime, input.actor, new Uint8Array(sha256));
  const now = runtime.clock();
  await transact(async (trx) => {
    await saveWebauthnChallenge(trx, {
      id: randomUUID(),
      user_id: input.actor,
      purpose: 'confirm',
      bound_to: bindingKey({ session: input.sessionId }),
      challenge: options.challenge,
      user_handle: null,
      action: json,
      expires_at: isoAt(now + challengeLifetimeMs),
      consumed_at: null,
      created_at: isoAt(now),
    });
    return { mfa: { factorType: 'webauthn', outcome: 'CONFIRMATION_REQUESTED' }, actionSha256 };
  });
  return { action, actionSha256, options };
}
