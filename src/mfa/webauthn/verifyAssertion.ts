import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import { advanceWebauthnCounter, findWebauthnCredential } from '../../store/repositories/webauthnCredentials.js';
import type { WebauthnCredentialRow } from '../../store/schema.js';
import { relyingPartyOf } from './relyingParty.js';
import { simpleWebAuthn } from './simpleWebAuthn.js';
import { openUserHandle } from './userHandle.js';
import { webauthnRefused } from './webauthnRefused.js';

/**
 * An assertion that verified; `recordUse` moves the key's counter forward in the caller's
 * transaction, false when a parallel assertion moved it first (then this one must not count).
 */
export interface VerifiedAssertion {
  credential: WebauthnCredentialRow;
  userVerified: boolean;
  recordUse(trx: Store): Promise<boolean>;
}

/**
 * Verifies an assertion against the challenge the caller took (single use, bound to its
 * attempt) and the stored public key of one of `userId`'s keys: origin, RP ID hash, user
 * presence, signature, and a signature counter that must move forward (WebAuthn §7.2 step 21:
 * a counter that does not may be a clone).
 */
export async function verifyAssertion(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config' | 'keyring' | 'logger'>,
  input: { userId: string; expectedChallenge: string; response: AuthenticationResponseJSON },
): Promise<VerifiedAssertion> {
  const { response } = input;
  const credential = await findWebauthnCredential(runtime.db, response.id);
  if (!credential || credential.user_id !== input.userId) throw webauthnRefused();
  // WebAuthn §7.2 step 6: a user handle, when the authenticator returns one, must be this user's.
  const userHandle = response.response.userHandle;
  if (userHandle && !openUserHandle(runtime.keyring, credential).equals(Buffer.from(userHandle, 'base64url'))) throw webauthnRefused();
  const rp = relyingPartyOf(runtime.config);
  const { verifyAuthenticationResponse } = await simpleWebAuthn();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: { id: credential.credential_id, publicKey: new Uint8Array(Buffer.from(credential.public_key, 'base64url')), counter: Number(credential.counter), transports: JSON.parse(credential.transports) },
      requireUserVerification: false,
    });
  } catch (error) {
    runtime.logger.info({ err: error }, 'webauthn assertion refused');
    throw webauthnRefused(error);
  }
  if (!verification.verified) throw webauthnRefused();
  const { newCounter, userVerified } = verification.authenticationInfo;
  return {
    credential,
    userVerified,
    // Compare-and-set from the counter the check saw: of two racing assertions only one moves it.
    recordUse: (trx) => advanceWebauthnCounter(trx, credential.id, Number(credential.counter), newCounter, isoAt(runtime.clock())),
  };
}
