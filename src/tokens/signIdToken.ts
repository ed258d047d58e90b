import { SignJWT } from 'jose';
import type { SigningKeys } from './signingKeys.js';
import type { TokenLifetime } from './tokenLifetime.js';
import { ALGORITHM, AUDIENCE } from './tokenRules.js';

/**
 * Signs an OpenID Connect ID token (typ `JWT`, so that it can never pass as an access
 * token): who signed in, when, and how (`amr`); it lives as long as its access token (`tokenLifetime`).
 */
export async function signIdToken(
  keys: SigningKeys,
  issuer: string,
  lifetime: TokenLifetime,
  user: { userId: string; email: string; sessionId: string; authTime: string; mfa: boolean },
): Promise<string> {
  const { kid, key } = await keys.signer();
  return new SignJWT({
    sid: user.sessionId,
    email: user.email,
    email_verified: true,
    auth_time: Math.floor(Date.parse(user.authTime) / 1000),
    amr: user.mfa ? ['pwd', 'mfa'] : ['pwd'],
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid })
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setSubject(user.userId)
    .setIssuedAt(lifetime.iat)
    .setExpirationTime(lifetime.exp)
    .sign(key);
}
