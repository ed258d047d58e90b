import type { Authorizer, CedarEntity } from './types.js';

const rootGroup: CedarEntity = { uid: { type: 'Group', id: 'root' }, attrs: {}, parents: [] };
const rootUser: CedarEntity = { uid: { type: 'User', id: 'root' }, attrs: { email: 'root@gatehouse.local' }, parents: [rootGroup.uid] };
const policyStore: CedarEntity = { uid: { type: 'PolicyStore', id: 'policies' }, attrs: {}, parents: [] };

/**
 * True when, under `authorizer`, root (with a second factor proven just now) may still view
 * and save the policies: root is the way back in, so no edit by an administrator may take
 * that from it (an admin saving `forbid (principal in Group::"root", …)` would otherwise lock
 * everyone out of the console until someone edits the files by hand).
 */
export function rootKeepsPolicies(authorizer: Authorizer): boolean {
  const entities = [rootUser, rootGroup, policyStore];
  return ['ViewPolicies', 'ValidatePolicies', 'SavePolicies'].every(
    (action) => authorizer.authorize({ principal: rootUser.uid, action, resource: policyStore.uid, context: { mfa: true, authAge: 0 }, entities }).allowed,
  );
}
