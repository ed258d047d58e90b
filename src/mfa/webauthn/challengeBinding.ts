import { sha256Hex } from '../../crypto/digest.js';

/** Whom a challenge is bound to: only that session, or the holder of that mfaToken, may answer it. */
export type ChallengeBinding = { session: string } | { mfaToken: string };

/** The stored form of a binding; an mfaToken is kept only as its SHA-256, like session tokens. */
export function bindingKey(binding: ChallengeBinding): string {
  return 'session' in binding ? `session:${binding.session}` : `mfa:${sha256Hex(binding.mfaToken)}`;
}
