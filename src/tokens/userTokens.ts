import { randomUUID } from 'node:crypto';
import { isoAt } from '../clock/clock.js';
import { sha256Hex } from '../crypto/digest.js';
import { randomToken } from '../crypto/randomToken.js';
import type { RefreshTokenRow } from '../store/schema.js';
import { signAccessToken } from './signAccessToken.js';
import { signIdToken } from './signIdToken.js';
import type { TokenDeps } from './TokenDeps.js';
import { tokenLifetime } from './tokenLifetime.js';
import { REFRESH_TOKEN_SECONDS } from './tokenRules.js';

/** The answer of `POST /auth/token` for a user (DESIGN.md, Tokens). */
export interface UserTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** A session as tokens describe it. */
export interface TokenSession {
  sessionId: string;
  userId: string;
  email: string;
  groups: string[];
  mfa: boolean;
  authTime: string;
  /** When the account is disabled (ms, `disabledFrom`): no token outlives it. */
  accountEndsAt: number;
}

/**
 * Signs an access and an ID token for `session` and makes the next refresh token of
 * `familyId`, none outliving the account (`session.accountEndsAt`); the caller stores `row`
 * (only the token's SHA-256 is kept).
 */
export async function userTokens(deps: TokenDeps, session: TokenSession, familyId: string): Promise<{ tokens: UserTokens; row: RefreshTokenRow }> {
  const now = deps.clock();
  const issuer = deps.config.publicUrl;
  const lifetime = tokenLifetime(now, session.accountEndsAt);
  const refreshToken = randomToken();
  const accessToken = await signAccessToken(deps.signingKeys, issuer, lifetime, {
    kind: 'user',
    userId: session.userId,
    sessionId: session.sessionId,
    groups: session.groups,
    mfa: session.mfa,
    authTime: Math.floor(Date.parse(session.authTime) / 1000),
  });
  const idToken = await signIdToken(deps.signingKeys, issuer, lifetime, session);
  const row: RefreshTokenRow = {
    id: randomUUID(),
    token_hash: sha256Hex(refreshToken),
    family_id: familyId,
    session_id: session.sessionId,
    user_id: session.userId,
    created_at: isoAt(now),
    // Redeeming also checks the account; the row just needs no life past its expiry.
    expires_at: isoAt(Math.min(now + REFRESH_TOKEN_SECONDS * 1000, session.accountEndsAt)),
    used_at: null,
    revoked_at: null,
  };
  return { tokens: { accessToken, idToken, refreshToken, expiresIn: lifetime.exp - lifetime.iat, tokenType: 'Bearer' }, row };
}
