import type { Context } from 'hono';
import type { Authorize } from '../apps/Authorize.js';
import type { Authorizer, CedarEntity } from '../authz/index.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { HttpEnv } from './HttpEnv.js';
import type { WeakDefence } from '../runtime/WeakDefence.js';

// Which Cedar-enforced defence each app action rests on, for the test-only weakening.
const policyDefence: Record<string, WeakDefence | undefined> = {
  ReadOrder: 'orderOwnership',
  CheckoutOrder: 'orderOwnership',
  CreateGrade: 'gradeWriteRole',
  UpdateGrade: 'gradeWriteRole',
  ReadGrade: 'gradeReadOwnership',
  ListGrades: 'gradeReadOwnership',
};

/**
 * Binds the policy engine to the caller: principal `User::"<id>"` whose parents are its
 * groups (cookie or access token alike), or `Client::"<name>"` for a machine client, which
 * belongs to no group. The context says whether the session proved a second factor (`mfa`)
 * and how many seconds ago it last proved its user (`authAge`, when known). Each decision,
 * with the ids of the policies that made it, is kept for the request's audit event. A denial
 * that fresh MFA would turn into an allow throws 401 STEP_UP_REQUIRED.
 */
export function authorizeCaller(c: Context<HttpEnv>, authorizer: Authorizer): Authorize {
  const caller = c.get('caller');
  const client = c.get('client');
  const groups = (caller?.groups ?? []).map((name): CedarEntity => ({ uid: { type: 'Group', id: name }, attrs: {}, parents: [] }));
  const principal: CedarEntity = caller
    ? { uid: { type: 'User', id: caller.user.id }, attrs: { email: caller.user.email }, parents: groups.map((group) => group.uid) }
    : { uid: { type: 'Client', id: client!.name }, attrs: {}, parents: [] };
  const entitiesWith = (resource: CedarEntity) => distinct([principal, ...groups, resource]);
  const context = { mfa: caller?.session.mfa === 1, ...(caller?.authAge !== undefined ? { authAge: caller.authAge } : {}) };
  return (action, resource) => {
    const decision = authorizer.authorize({ principal: principal.uid, action, resource: resource.uid, context, entities: entitiesWith(resource) });
    c.set('authorization', { ...decision, action, resource: `${resource.uid.type}::"${resource.uid.id}"` });
    // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): the policies of one app defence no longer deny.
    if (!decision.allowed && c.get('weakened')?.has(policyDefence[action] as WeakDefence)) return true;
    // A denial that a second factor proven just now would lift asks for a step-up, not a refusal.
    if (!decision.allowed && !(context.mfa && context.authAge === 0)) {
      const fresh = authorizer.authorize({ principal: principal.uid, action, resource: resource.uid, context: { mfa: true, authAge: 0 }, entities: entitiesWith(resource) });
      if (fresh.allowed) throw new GatehouseError('STEP_UP_REQUIRED', 'This action needs a second factor proven recently: POST /auth/step-up');
    }
    return decision.allowed;
  };
}

// Cedar refuses two different entities with one uid (e.g. a student listing their own grades
// names themselves as the resource): the first, fullest description wins.
function distinct(entities: CedarEntity[]): CedarEntity[] {
  const seen = new Set<string>();
  return entities.filter((entity) => {
    const key = `${entity.uid.type}\u0000${entity.uid.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
