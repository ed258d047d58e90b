/**
 * Who may answer a stored challenge: the signed-in session that asked, or the holder of the
 * setupToken (a pending `mfa_challenges` row) of a root or admin enrolling a first factor.
 */
export type ChallengeBinding = { session: string } | { setup: string };

/** The stored form of a binding (`webauthn_challenges.bound_to`). */
export function bindingKey(binding: ChallengeBinding): string {
  return 'session' in binding ? `session:${binding.session}` : `setup:${binding.setup}`;
}
