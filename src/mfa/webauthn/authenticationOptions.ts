import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listWebauthnCredentials } from '../../store/repositories/webauthnCredentials.js';
import { challengeLifetimeMs } from './challengeLifetime.js';
import { relyingPartyOf } from './relyingParty.js';
import { simpleWebAuthn } from './simpleWebAuthn.js';

/**
 * PublicKeyCredentialRequestOptions for one of the user's keys, user verification preferred.
 * The caller stores `options.challenge`, bound and single use; a confirmation passes its own
 * challenge (the action's hash), anything else gets 32 random bytes.
 */
export async function authenticationOptions(
  runtime: Pick<Runtime, 'db' | 'config'>,
  userId: string,
  challenge?: Uint8Array<ArrayBuffer>,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const credentials = await listWebauthnCredentials(runtime.db, userId);
  if (credentials.length === 0) throw new GatehouseError('CONFLICT', 'Register a security key first');
  const { generateAuthenticationOptions } = await simpleWebAuthn();
  return generateAuthenticationOptions({
    rpID: relyingPartyOf(runtime.config).rpID,
    allowCredentials: credentials.map((credential) => ({ id: credential.credential_id, transports: JSON.parse(credential.transports) as string[] })),
    userVerification: 'preferred',
    timeout: challengeLifetimeMs,
    ...(challenge && { challenge }),
  });
}
