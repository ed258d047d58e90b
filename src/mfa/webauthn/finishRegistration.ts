import { randomUUID } from 'node:crypto';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import type { Transact } from '../../store/Transact.js';
import { findWebauthnCredential, insertWebauthnCredential, linkWebauthnFactor } from '../../store/repositories/webauthnCredentials.js';
import type { ChallengeBinding } from './challengeBinding.js';
import { claimChallenge } from './claimChallenge.js';
import { relyingPartyOf } from './relyingParty.js';
import { simpleWebAuthn } from './simpleWebAuthn.js';
import { openChallengeUserHandle, sealUserHandle } from './userHandle.js';
import { webauthnRefused } from './webauthnRefused.js';

/** A registered credential, as its owner may see it. */
export interface RegisteredCredential {
  id: string;
  label: string;
  createdAt: string;
  userVerified: boolean;
}

/**
 * Verifies the authenticator's answer to the registration challenge of `binding` and stores
 * the credential. `link` runs in the same transaction, for the factor model to add its row
 * (and return its id) so that a credential and its factor commit together.
 */
export async function finishRegistration(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config' | 'keyring' | 'logger'>,
  input: { userId: string; binding: ChallengeBinding; response: RegistrationResponseJSON; label?: string },
  transact: Transact,
  link?: (trx: Store, credential: RegisteredCredential) => Promise<string | null>,
): Promise<RegisteredCredential> {
  const challenge = await claimChallenge(runtime, input.binding, 'register');
  if (challenge.user_id !== input.userId || !challenge.user_handle) throw webauthnRefused();
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
  const id = randomUUID();
  const at = isoAt(runtime.clock());
  const registered: RegisteredCredential = { id, label: input.label ?? 'Security key', createdAt: at, userVerified: info.userVerified };
  await transact(async (trx) => {
    await insertWebauthnCredential(trx, {
      id,
      user_id: input.userId,
      factor_id: null,
      credential_id: info.credential.id,
      public_key: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: JSON.stringify(info.credential.transports ?? []),
      device_type: info.credentialDeviceType,
      backed_up: info.credentialBackedUp ? 1 : 0,
      user_handle: sealUserHandle(runtime.keyring, handle, { table: 'webauthn_credentials', rowId: id }),
      label: registered.label,
      created_at: at,
      last_used_at: null,
    });
    const factorId = link ? await link(trx, registered) : null;
    if (factorId) await linkWebauthnFactor(trx, id, factorId);
    return { ...registered, mfa: { factorType: 'webauthn', outcome: 'ENROLLED' } };
  });
  return registered;
}
