import { randomBytes, randomUUID } from 'node:crypto';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { saveWebauthnChallenge } from '../../store/repositories/webauthnChallenges.js';
import { listWebauthnCredentials } from '../../store/repositories/webauthnCredentials.js';
import { actingAs, type Enrollee } from '../enrol/Enrollee.js';
import { bindingKey } from './challengeBinding.js';
import { challengeLifetimeMs } from './challengeLifetime.js';
import { enrolleeBinding } from './enrolleeBinding.js';
import { relyingPartyOf } from './relyingParty.js';
import { simpleWebAuthn } from './simpleWebAuthn.js';
import { openUserHandle, sealUserHandle } from './userHandle.js';

/**
 * `POST /auth/mfa/webauthn/register/options`: PublicKeyCredentialCreationOptions for a new
 * security key or passkey of a recently signed-in user (or root/an admin with a setupToken).
 * The challenge is single use and bound to whoever asked (session or setupToken); the user handle is the
 * user's one random WebAuthn id (never the account id or e-mail), kept sealed.
 */
export async function startRegistration(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config' | 'keyring'>,
  enrollee: Enrollee,
  transact: Transact,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingPartyOf(runtime.config);
  const existing = await listWebauthnCredentials(runtime.db, enrollee.user.id);
  // WebAuthn §5.4.3: one user handle per account, so that a passkey replaces rather than duplicates.
  const handle = existing[0] ? openUserHandle(runtime.keyring, existing[0]) : randomBytes(32);
  const { generateRegistrationOptions } = await simpleWebAuthn();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: enrollee.user.email,
    userID: new Uint8Array(handle),
    timeout: challengeLifetimeMs,
    attestationType: 'none',
    excludeCredentials: existing.map((credential) => ({ id: credential.credential_id, transports: JSON.parse(credential.transports) as string[] })),
    // Second factor: user verification preferred, not required (a plain security key has no PIN).
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  const now = runtime.clock();
  const id = randomUUID();
  await transact(async (trx) => {
    await saveWebauthnChallenge(trx, {
      id,
      user_id: enrollee.user.id,
      purpose: 'register',
      bound_to: bindingKey(enrolleeBinding(enrollee)),
      challenge: options.challenge,
      user_handle: sealUserHandle(runtime.keyring, handle, { table: 'webauthn_challenges', rowId: id }),
      action: null,
      expires_at: isoAt(now + challengeLifetimeMs),
      consumed_at: null,
      created_at: isoAt(now),
    });
    return { ...actingAs(enrollee), mfa: { factorType: 'webauthn', outcome: 'SETUP' } };
  });
  return options;
}
