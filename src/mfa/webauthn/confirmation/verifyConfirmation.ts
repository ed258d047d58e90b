import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Runtime } from '../../../runtime/Runtime.js';
import { findActionConfirmation } from '../../../store/repositories/actionConfirmations.js';
import { findAuditEventsMentioning } from '../../../store/repositories/auditEvents.js';
import { findWebauthnCredential } from '../../../store/repositories/webauthnCredentials.js';
import { sha256Hex } from '../../../crypto/digest.js';
import { relyingPartyOf } from '../relyingParty.js';
import { simpleWebAuthn } from '../simpleWebAuthn.js';
import { canonicalAction, type SensitiveAction } from './canonicalAction.js';

/** The outcome of re-checking a stored confirmation; `reason` names the first check that failed. */
export interface ConfirmationCheck {
  valid: boolean;
  reason?: string;
  action?: SensitiveAction;
  /** The sequence of the audit event that records the confirmed action. */
  auditSequence?: number;
}

/**
 * Re-checks a signed confirmation at any later time (non-repudiation): the stored action,
 * hashed again, must be the challenge inside the signed client data; the stored assertion
 * must verify against the key's public key kept with it (the registered key's own while it is
 * registered) for this instance's RP ID;
 * and the action's audit event, whose hash chain `audit verify` checks, must record the same
 * hashes of the action and the key.
 */
export async function verifyConfirmation(runtime: Pick<Runtime, 'db' | 'config'>, confirmationId: string): Promise<ConfirmationCheck> {
  const row = await findActionConfirmation(runtime.db, confirmationId);
  if (!row) return { valid: false, reason: 'no such confirmation' };
  let action: SensitiveAction;
  let assertion: AuthenticationResponseJSON;
  try {
    action = JSON.parse(row.action) as SensitiveAction;
    assertion = JSON.parse(row.assertion) as AuthenticationResponseJSON;
  } catch {
    return { valid: false, reason: 'the stored action or assertion is not JSON' };
  }
  const { json, sha256 } = canonicalAction(action);
  const actionSha256 = sha256.toString('hex');
  if (json !== row.action || actionSha256 !== row.action_sha256) return { valid: false, reason: 'the stored action does not match its hash', action };

  if (assertion.id !== row.credential_id || row.user_id !== action.actor) return { valid: false, reason: "the assertion is not by the actor's key", action };
  // While the key is registered, the public key kept with the confirmation must be its own.
  const credential = await findWebauthnCredential(runtime.db, row.credential_id);
  if (credential && (credential.user_id !== action.actor || credential.public_key !== row.public_key)) {
    return { valid: false, reason: "the kept public key is not the actor's registered key", action };
  }
  const rp = relyingPartyOf(runtime.config);
  // The origin was checked when the action ran; later, on any port of this RP's host (the
  // verifier may run from the CLI, where the server's port is not known), only the signature counts.
  const signedOrigin = signedOriginOf(assertion);
  if (!signedOrigin || signedOrigin.protocol !== 'https:' || signedOrigin.hostname !== rp.rpID) {
    return { valid: false, reason: 'the signed origin is not this relying party', action };
  }
  const { verifyAuthenticationResponse } = await simpleWebAuthn();
  try {
    const { verified } = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: sha256.toString('base64url'),
      expectedOrigin: signedOrigin.origin,
      expectedRPID: rp.rpID,
      // Counter 0: replay was refused when the action ran; this re-checks only the signature.
      credential: { id: row.credential_id, publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')), counter: 0 },
      requireUserVerification: false,
    });
    if (!verified) return { valid: false, reason: 'the signature does not verify', action };
  } catch {
    return { valid: false, reason: 'the signature does not verify over this action', action };
  }

  const events = await findAuditEventsMentioning(runtime.db, row.user_id, `"id":"${row.id}"`);
  const recorded = events.find((event) => {
    const body = JSON.parse(event.body) as { requestId?: string; errorCode?: string | null; responseElements?: { confirmation?: Record<string, unknown> } };
    const confirmation = body.responseElements?.confirmation;
    return (
      body.requestId === row.request_id &&
      !body.errorCode &&
      confirmation?.id === row.id &&
      confirmation.actionSha256 === actionSha256 &&
      confirmation.publicKeySha256 === sha256Hex(row.public_key)
    );
  });
  if (!recorded) return { valid: false, reason: 'no audit event records this confirmation', action };
  return { valid: true, action, auditSequence: Number(recorded.sequence) };
}

function signedOriginOf(assertion: AuthenticationResponseJSON): URL | undefined {
  try {
    const clientData = JSON.parse(Buffer.from(assertion.response.clientDataJSON, 'base64url').toString('utf8')) as { origin?: unknown };
    return typeof clientData.origin === 'string' ? new URL(clientData.origin) : undefined;
  } catch {
    return undefined;
  }
}
