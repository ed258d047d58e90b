import { randomUUID } from 'node:crypto';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Origin } from '../../identity/sessions/newSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import type { Transact } from '../../store/Transact.js';
import { insertFactor } from '../../store/repositories/mfaFactors.js';
import { findWebauthnCredential, insertWebauthnCredential } from '../../store/repositories/webauthnCredentials.js';
import { completeEnrolment, type Enrolled } from '../enrol/completeEnrolment.js';
import type { Enrollee } from '../enrol/Enrollee.js';
import { claimChallenge } from './claimChallenge.js';
import { enrolleeBinding } from './enrolleeBinding.js';
import { relyingPartyOf } from './relyingParty.js';
import { simpleWebAuthn } from './simpleWebAuthn.js';
import { openChallengeUserHandle, sealUserHandle } from './userHandle.js';
import { webauthnRefused } from './webauthnRefused.js';

/**
 * `POST /auth/mfa/webauthn/register/verify`: verifies the authenticator's answer to the
 * enrollee's registration challenge (spent whatever the outcome), then stores the key and its
 * `webauthn` factor, enabled, in one transaction with the rest of an enrolment (recovery codes
 * with a first factor; for a setupToken, the session it opens).
 */
export async function finishRegistration(
  runtime: Runtime,
  enrollee: Enrollee,
  input: { response: RegistrationResponseJSON; label?: string; origin: Origin },
  transact: Transact,
): Promise<Enrolled> {
  const challenge = await claimChallenge(runtime, enrolleeBinding(enrollee), 'register');
  if (challenge.user_id !== enrollee.user.id || !challenge.user_handle) throw webauthnRefused();
  const rp = relyingPartyOf(runtime.config);
  const { verifyRegistrationResponse } = await simpleWebAuthn();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      // User verification preferred, not required: a key without a PIN still proves possession.
      requireUserVerification: false,
    });
  } catch (error) {
    runtime.logger.info({ err: error }, 'webauthn registration refused');
    throw webauthnRefused(error);
  }
  if (!verification.verified) throw webauthnRefused();
  const info = verification.registrationInfo;
  if (await findWebauthnCredential(runtime.db, info.credential.id)) throw new GatehouseError('CONFLICT', 'This security key is already registered');

  const handle = openChallengeUserHandle(runtime.keyring, { id: challenge.id, user_handle: challenge.user_handle });
  const factorId = randomUUID();
  const credentialId = randomUUID();
  const label = input.label ?? 'Security key';
  const before = async (trx: Store, at: string) => {
    await insertFactor(trx, { id: factorId, user_id: enrollee.user.id, type: 'webauthn', label, secret: null, counter: null, last_step: null, enabled_at: null, last_used_at: null, created_at: at });
    await insertWebauthnCredential(trx, {
      id: credentialId,
      user_id: enrollee.user.id,
      factor_id: factorId,
      credential_id: info.credential.id,
      public_key: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: JSON.stringify(info.credential.transports ?? []),
      device_type: info.credentialDeviceType,
      backed_up: info.credentialBackedUp ? 1 : 0,
      user_handle: sealUserHandle(runtime.keyring, handle, { table: 'webauthn_credentials', rowId: credentialId }),
      label,
      created_at: at,
      last_used_at: null,
    });
  };
  return completeEnrolment(runtime, enrollee, { id: factorId, type: 'webauthn', before }, input.origin, transact);
}
