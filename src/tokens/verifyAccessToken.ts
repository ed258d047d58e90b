import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTHeaderParameters } from 'jose';
import { z } from 'zod';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { AccessSubject } from './signAccessToken.js';
import type { SigningKeys } from './signingKeys.js';
import { noWeakening, type WeakDefence } from '../runtime/WeakDefence.js';
import { ACCESS_TOKEN_SECONDS, ALGORITHM, AUDIENCE, FIRST_PARTY_CLIENT_ID, LEEWAY_SECONDS } from './tokenRules.js';

const id = z.string().min(1).max(128);
const userClaims = z.object({ sub: id, client_id: z.literal(FIRST_PARTY_CLIENT_ID), sid: id, groups: z.array(z.string().max(64)).max(100), mfa: z.boolean(), auth_time: z.number().int().nonnegative() });
const clientClaims = z.object({ sub: id, client_id: id, client_name: id });

/** A verified access token: whom it speaks for, its `jti` and when it expires (ms). */
export type VerifiedAccess = AccessSubject & { tokenId: string; expiresAt: number };

const refused = (message: string) => new GatehouseError('UNAUTHENTICATED', message, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });

/**
 * Verifies an access token the way RFC 8725 asks: EdDSA only (so `none` and HS256 signed
 * with the public key fail), `typ: at+jwt` (so an ID token fails), our issuer and audience,
 * exp/nbf/iat within a small leeway and no older than the lifetime we issue, and a `kid`
 * looked up only among our own keys. Any failure is 401 UNAUTHENTICATED. `weakened` is the
 * test-only switch (RuntimeOptions.unsafeWeakenForTests), empty when serving.
 */
export async function verifyAccessToken(keys: SigningKeys, issuer: string, nowMs: number, token: string, weakened: ReadonlySet<WeakDefence> = noWeakening): Promise<VerifiedAccess> {
  let payload: Record<string, unknown>;
  try {
    // Test-only weakening: trusting the token's own `alg` (RFC 8725 §2.1), so `none` and HS256 pass unchecked.
    if (weakened.has('jwtAlgorithm') && decodeProtectedHeader(token).alg !== ALGORITHM) payload = decodeJwt(token);
    else ({ payload } = await jwtVerify(
      token,
      async (header: JWTHeaderParameters) => {
        const key = typeof header.kid === 'string' && header.kid.length <= 64 ? await keys.verifier(header.kid) : undefined;
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: [ALGORITHM],
        typ: 'at+jwt',
        issuer,
        // Test-only weakenings: any audience; expiry stretched to ten years.
        audience: weakened.has('jwtAudience') ? undefined : AUDIENCE,
        clockTolerance: weakened.has('jwtExpiry') ? 10 * 365 * 86_400 : LEEWAY_SECONDS,
        maxTokenAge: weakened.has('jwtExpiry') ? undefined : ACCESS_TOKEN_SECONDS + LEEWAY_SECONDS,
        currentDate: new Date(nowMs),
        requiredClaims: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti', 'client_id'],
      },
    ));
  } catch (error) {
    if (error instanceof errors.JOSEError) throw refused('The access token is not valid');
    throw error;
  }
  const tokenId = String(payload.jti);
  const expiresAt = Number(payload.exp) * 1000;
  if (typeof payload.sid === 'string') {
    const user = userClaims.safeParse(payload);
    if (!user.success) throw refused('The access token is not valid');
    return { kind: 'user', userId: user.data.sub, sessionId: user.data.sid, groups: user.data.groups, mfa: user.data.mfa, authTime: user.data.auth_time, tokenId, expiresAt };
  }
  const client = clientClaims.safeParse(payload);
  // RFC 9068 §2.2: a machine client's token names the client as its subject.
  if (!client.success || client.data.sub !== client.data.client_id) throw refused('The access token is not valid');
  return { kind: 'client', clientId: client.data.client_id, clientName: client.data.client_name, tokenId, expiresAt };
}
