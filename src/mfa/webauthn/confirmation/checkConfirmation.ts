import { randomUUID } from 'node:crypto';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { isoAt } from '../../../clock/clock.js';
import { sha256Hex } from '../../../crypto/digest.js';
import type { Runtime } from '../../../runtime/Runtime.js';
import type { Store } from '../../../store/openDatabase.js';
import { insertActionConfirmation } from '../../../store/repositories/actionConfirmations.js';
import { claimChallenge } from '../claimChallenge.js';
import { verifyAssertion } from '../verifyAssertion.js';
import { webauthnRefused } from '../webauthnRefused.js';
import { canonicalAction, sameCanonical, type SensitiveAction } from './canonicalAction.js';

/** A confirmation that verified; `record` stores it (and spends the key's counter) in the action's transaction. */
export interface CheckedConfirmation {
  actionSha256: string;
  /** What the action's audit event records: the confirmation's id, the hash the key signed, the key's hash. */
  record(trx: Store): Promise<{ id: string; factorType: 'webauthn'; actionSha256: string; publicKeySha256: string }>;
}

/**
 * Checks the actor's signed confirmation of the action about to run: the session's pending
 * confirmation must name this actor, action, resource and value, its challenge must be the
 * SHA-256 of that canonical action, and the assertion must verify against one of the actor's keys.
 */
export async function checkConfirmation(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config' | 'keyring' | 'logger'>,
  input: { actor: string; sessionId: string; requestId: string; action: string; resource: string; value: unknown; response: AuthenticationResponseJSON },
): Promise<CheckedConfirmation> {
  const challenge = await claimChallenge(runtime, { session: input.sessionId }, 'confirm');
  if (challenge.user_id !== input.actor || !challenge.action) throw webauthnRefused();
  const pending = JSON.parse(challenge.action) as SensitiveAction;
  const { json, sha256 } = canonicalAction(pending);
  const signedFor = { actor: pending.actor, action: pending.action, resource: pending.resource, value: pending.value };
  const asked = { actor: input.actor, action: input.action, resource: input.resource, value: input.value };
  // The key signed one action; any other (another grade, another score) is refused.
  if (json !== challenge.action || sha256.toString('base64url') !== challenge.challenge || !sameCanonical(signedFor, asked)) {
    throw webauthnRefused();
  }
  const assertion = await verifyAssertion(runtime, { userId: input.actor, expectedChallenge: challenge.challenge, response: input.response });
  const actionSha256 = sha256.toString('hex');
  return {
    actionSha256,
    async record(trx) {
      if (!(await assertion.recordUse(trx))) throw webauthnRefused();
      const id = randomUUID();
      await insertActionConfirmation(trx, {
        id,
        user_id: input.actor,
        request_id: input.requestId,
        credential_id: assertion.credential.credential_id,
        public_key: assertion.credential.public_key,
        action: json,
        action_sha256: actionSha256,
        assertion: JSON.stringify(input.response),
        created_at: isoAt(runtime.clock()),
      });
      return { id, factorType: 'webauthn', actionSha256, publicKeySha256: sha256Hex(assertion.credential.public_key) };
    },
  };
}
