import type { MiddlewareHandler } from 'hono';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { disabledFrom } from '../../identity/accountDisabled.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { verifyAccessToken } from '../../tokens/verifyAccessToken.js';
import type { HttpEnv } from '../HttpEnv.js';

// RFC 6750 §2.1: `Bearer` and a token68; a compact JWS is three base64url parts.
const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
// Far beyond any token we issue; a longer header is not worth parsing.
const maxHeaderLength = 4096;

const refused = (message: string) => new GatehouseError('UNAUTHENTICATED', message, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });

/**
 * Resolves `Authorization: Bearer <access token>` into the caller: a user in a live session
 * (`c.var.caller`, refused at once once that session ends) or a machine client
 * (`c.var.client`). A request that shows a token is judged by it alone, cookie or not, and
 * a token that fails any check is 401. Without the header the cookie decides, as before.
 */
export function bearerToken(runtime: Runtime): MiddlewareHandler<HttpEnv> {
  return async function bearerToken(c, next) {
    const header = c.req.header('authorization');
    if (header === undefined) return next();
    const match = header.length <= maxHeaderLength ? bearer.exec(header) : null;
    if (!match) throw refused('Send the access token as Authorization: Bearer <token>');
    c.set('caller', undefined);
    const now = runtime.clock();
    const access = await verifyAccessToken(runtime.signingKeys, runtime.config.publicUrl, now, match[1]!, runtime.weakened);
    if (access.kind === 'client') {
      c.set('client', { clientId: access.clientId, name: access.clientName });
      return next();
    }
    // Revocation by sid, from memory unless the session changed: a signed-out session's token dies at once.
    const live = await runtime.sessionLiveness.check(access.sessionId);
    if (!live || live.user.id !== access.userId) throw refused('The session of this access token has ended');
    c.set('caller', {
      // The token is the credential: its groups and mfa are what was proven when it was issued.
      session: { ...live.session, mfa: access.mfa ? 1 : 0 },
      user: live.user,
      groups: access.groups,
      // A stream opened with the token ends when it does, or when the account expires first.
      expiresAt: isoAt(Math.min(access.expiresAt, disabledFrom(live.user))),
      // Step-up policies read how long ago the session last proved its user, as of the token's issue.
      authAge: Math.max(0, Math.floor(runtime.clock() / 1000) - access.authTime),
      via: 'bearer',
    });
    return next();
  };
}
