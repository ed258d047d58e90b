import type { AdvisorCheck } from '../AdvisorCheck.js';

/** A refresh token keeps minting access tokens: past the session's AAL2 bound, it outlives the reauthentication NIST asks for. */
export const refreshTokenLifetime: AdvisorCheck = {
  id: 'refresh-token-lifetime',
  severity: 'low',
  title: 'Refresh tokens outlive the session bound of AAL2',
  fix: 'Give API clients that need AAL2 short refresh-token lifetimes (24 h at most), or revoke their sessions (`POST /auth/sign-out/all`) when the person leaves; refresh-token reuse already ends the whole family.',
  async run({ refreshTokenSeconds, config }) {
    const hours = refreshTokenSeconds / 3600;
    if (refreshTokenSeconds * 1000 > 24 * 3_600_000) {
      return { status: 'fail', finding: `Refresh tokens live ${hours} h (rotated on each use) and keep issuing access tokens after the session's ${config.sessionMaxMs / 3_600_000} h, as long as it is not signed out.` };
    }
    return { status: 'pass', finding: `Refresh tokens live ${hours} h at most.` };
  },
};
