import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKeys } from './signingKeys.js';
import type { TokenLifetime } from './tokenLifetime.js';
import { ALGORITHM, AUDIENCE, FIRST_PARTY_CLIENT_ID } from './tokenRules.js';

/** Who an access token speaks for: a user in a session, or a machine client. */
export type AccessSubject =
  | { kind: 'user'; userId: string; sessionId: string; groups: string[]; mfa: boolean; authTime: number }
  | { kind: 'client'; clientId: string; clientName: string };

/**
 * Signs an access token (RFC 9068 `at+jwt`): iss, aud, sub, client_id, jti, iat, nbf, exp
 * (`tokenLifetime`: 10 minutes at most), and `sid`, `groups`, `mfa`, `auth_time` (when the session last proved its user) for a user or `client_name` for a machine client.
 */
export async function signAccessToken(keys: SigningKeys, issuer: string, lifetime: TokenLifetime, subject: AccessSubject): Promise<string> {
  const { kid, key } = await keys.signer();
  const claims =
    subject.kind === 'user'
      ? { client_id: FIRST_PARTY_CLIENT_ID, sid: subject.sessionId, groups: subject.groups, mfa: subject.mfa, auth_time: subject.authTime }
      : { client_id: subject.clientId, client_name: subject.clientName };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'at+jwt', kid })
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    // RFC 9068 §2.2: a client acting for itself is its own subject.
    .setSubject(subject.kind === 'user' ? subject.userId : subject.clientId)
    .setJti(randomUUID())
    .setIssuedAt(lifetime.iat)
    .setNotBefore(lifetime.iat)
    .setExpirationTime(lifetime.exp)
    .sign(key);
}
