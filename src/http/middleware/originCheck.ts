import type { MiddlewareHandler } from 'hono';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { HttpEnv } from '../HttpEnv.js';
import { unsafeMethods } from '../requestKinds.js';

/**
 * Refuses an unsafe request whose `Origin` is present and not the public origin
 * (OWASP CSRF cheat sheet: verifying origin with standard headers). It also covers
 * sign-in, so another site cannot sign a victim into the attacker's account.
 */
export function originCheck(publicOrigin: () => string): MiddlewareHandler<HttpEnv> {
  return async function originCheck(c, next) {
    const origin = c.req.header('origin');
    // `weakened`: a test instance without this defence (RuntimeOptions.unsafeWeakenForTests).
    if (unsafeMethods.has(c.req.method) && origin !== undefined && origin !== publicOrigin() && !c.var.weakened?.has('originCheck')) {
      throw new GatehouseError('CSRF', 'Cross-origin request refused');
    }
    await next();
  };
}
