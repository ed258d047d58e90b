import { randomUUID } from 'node:crypto';
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import { saveWebauthnChallenge } from '../../store/repositories/webauthnChallenges.js';
import { listWebauthnCredentials } from '../../store/repositories/webauthnCredentials.js';
import { bindingKey, type ChallengeBinding } from './challengeBinding.js';
import { challengeLifetimeMs } from './challengeLifetime.js';
import type { ChallengePurpose } from './claimChallenge.js';
import { relyingPartyOf } from './relyingParty.js';

/**
 * PublicKeyCredentialRequestOptions for one of the user's keys, and the single-use
 * challenge behind them, bound to `binding`, saved in `trx` (the caller's transaction).
 * A confirmation passes its own challenge (the action's hash) and the action it covers;
 * anything else gets 32 random bytes.
 */
export async function startAuthentication(
  runtime: Pick<Runtime, 'db' | 'clock' | 'config'>,
  trx: Store,
  input: { userId: string; binding: ChallengeBinding; purpose: Exclude<ChallengePurpose, 'register'>; challenge?: Uint8Array; action?: string },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const credentials = await listWebauthnCredentials(runtime.db, input.userId);
  if (credentials.length === 0) throw new GatehouseError('CONFLICT', 'Register a security key first');
  const options = await generateAuthenticationOptions({
    rpID: relyingPartyOf(runtime.config).rpID,
    allowCredentials: credentials.map((credential) => ({ id: credential.credential_id, transports: JSON.parse(credential.transports) })),
    userVerification: 'preferred',
    timeout: challengeLifetimeMs,
    ...(input.challenge && { challenge: input.challenge }),
  });
  const now = runtime.clock();
  await saveWebauthnChallenge(trx, {
    id: randomUUID(),
    user_id: input.userId,
    purpose: input.purpose,
    bound_to: bindingKey(input.binding),
    challenge: options.challenge,
    user_handle: null,
    action: input.action ?? null,
    expires_at: isoAt(now + challengeLifetimeMs),
    consumed_at: null,
    created_at: isoAt(now),
  });
  return options;
}
