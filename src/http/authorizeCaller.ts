import type { Context } from 'hono';
import type { Authorize } from '../apps/Authorize.js';
import type { Authorizer, CedarEntity } from '../authz/index.js';
import type { HttpEnv } from './HttpEnv.js';

/**
 * Binds the policy engine to the caller: principal `User::"<id>"` whose parents are its
 * groups (cookie or access token alike), or `Client::"<name>"` for a machine client, which
 * belongs to no group. Each decision, with the ids of the policies that made it, is kept
 * for the request's audit event.
 */
export function authorizeCaller(c: Context<HttpEnv>, authorizer: Authorizer): Authorize {
  const caller = c.get('caller');
  const client = c.get('client');
  const groups = (caller?.groups ?? []).map((name): CedarEntity => ({ uid: { type: 'Group', id: name }, attrs: {}, parents: [] }));
  const principal: CedarEntity = caller
    ? { uid: { type: 'User', id: caller.user.id }, attrs: { email: caller.user.email }, parents: groups.map((group) => group.uid) }
    : { uid: { type: 'Client', id: client!.name }, attrs: {}, parents: [] };
  return (action, resource) => {
    const decision = authorizer.authorize({
      principal: principal.uid,
      action,
      resource: resource.uid,
      context: { mfa: caller?.session.mfa === 1 },
      entities: distinct([principal, ...groups, resource]),
    });
    c.set('authorization', { ...decision, action, resource: `${resource.uid.type}::"${resource.uid.id}"` });
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
