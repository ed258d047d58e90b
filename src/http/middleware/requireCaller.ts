import type { MiddlewareHandler } from 'hono';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { isValidCsrfToken } from '../../identity/sessions/csrfToken.js';
import type { HttpEnv } from '../HttpEnv.js';
import { unsafeMethods } from '../requestKinds.js';

/**
 * Lets only signed-in callers and machine clients through (401 UNAUTHENTICATED otherwise), and makes an
 * unsafe request authenticated by the cookie carry the session's `X-CSRF-Token` (403 CSRF).
 */
export function requireCaller(hmacKey: Buffer): MiddlewareHandler<HttpEnv> {
  return async function requireCaller(c, next) {
    const caller = c.get('caller');
    if (!caller) {
      // A machine client (set only on /api, by its access token) needs no CSRF token: no browser sends its token.
      if (c.get('client')) return next();
      throw new GatehouseError('UNAUTHENTICATED', 'Sign in first');
    }
    // `weakened`: a test instance without this defence (RuntimeOptions.unsafeWeakenForTests).
    if (caller.via === 'cookie' && unsafeMethods.has(c.req.method) && !c.var.weakened?.has('csrfToken') && !isValidCsrfToken(hmacKey, caller.session.token_hash, c.req.header('x-csrf-token'))) {
      throw new GatehouseError('CSRF', 'Missing or wrong X-CSRF-Token');
    }
    await next();
  };
}
