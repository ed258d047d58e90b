import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { consumeWebauthnChallenge, findWebauthnChallenge } from '../../store/repositories/webauthnChallenges.js';
import type { WebauthnChallengeRow } from '../../store/schema.js';
import { bindingKey, type ChallengeBinding } from './challengeBinding.js';
import { webauthnRefused } from './webauthnRefused.js';

/** What a stored challenge is for; a challenge answers only the ceremony it was issued for. */
export type ChallengePurpose = 'register' | 'confirm';

/**
 * Takes the live challenge of `binding` for `purpose`, consuming it before any check runs:
 * one try per challenge, so a replayed or a second, racing answer finds none.
 */
export async function claimChallenge(runtime: Pick<Runtime, 'db' | 'clock'>, binding: ChallengeBinding, purpose: ChallengePurpose): Promise<WebauthnChallengeRow> {
  const now = isoAt(runtime.clock());
  const challenge = await findWebauthnChallenge(runtime.db, bindingKey(binding), purpose, now);
  if (!challenge || !(await consumeWebauthnChallenge(runtime.db, challenge.id, now))) throw webauthnRefused();
  return challenge;
}
