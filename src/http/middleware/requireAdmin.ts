import type { MiddlewareHandler } from 'hono';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { hasEnabledFactor } from '../../store/repositories/mfaFactors.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';

/**
 * Guards `/admin/*` (after `requireCaller`): only root and members of `admins`, and only in a
 * session that proved a second factor. An admin without one must enrol first (403
 * MFA_SETUP_REQUIRED); one with a factor but a password-only session steps up (401).
 */
export function requireAdmin(runtime: Pick<Runtime, 'db'>): MiddlewareHandler<HttpEnv> {
  return async function requireAdmin(c, next) {
    const caller = c.get('caller')!;
    if (!caller.groups.includes('admins') && !caller.groups.includes('root')) throw new GatehouseError('ACCESS_DENIED', 'Administrators only');
    if (caller.session.mfa !== 1) {
      if (!(await hasEnabledFactor(runtime.db, caller.user.id))) throw new GatehouseError('MFA_SETUP_REQUIRED', 'Enrol a second factor before administering');
      throw new GatehouseError('STEP_UP_REQUIRED', 'Administering needs a second factor: POST /auth/step-up');
    }
    await next();
  };
}
