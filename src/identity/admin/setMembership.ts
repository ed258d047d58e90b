import type { Authorize } from '../../apps/Authorize.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { addUserToGroup, groupExists, listUserGroups, removeUserFromGroup } from '../../store/repositories/groups.js';
import type { Transact } from '../../store/Transact.js';
import { rootGroup } from './initRoot.js';
import { managedUser } from './managedUser.js';

/**
 * An administrator adds a user to a group or removes them from it (idempotent). The `root`
 * group is never changed here: root is made only by `gatehouse root init`, and stays root.
 * Nobody changes their own groups: an admin who made itself an auditor would read and verify
 * the trail of its own actions (separation of duties).
 */
export async function setMembership(runtime: Pick<Runtime, 'db' | 'clock'>, authorize: Authorize, input: { actorId: string; userId: string; group: string; member: boolean }, transact: Transact) {
  if (input.group === rootGroup) throw new GatehouseError('ACCESS_DENIED', 'root is made only by `gatehouse root init`');
  if (input.userId === input.actorId) throw new GatehouseError('ACCESS_DENIED', 'You cannot change your own groups');
  const target = await managedUser(runtime, input.userId);
  if (!(await groupExists(runtime.db, input.group))) throw new GatehouseError('NOT_FOUND', `No such group: ${input.group}`, { details: { field: 'group' } });
  const action = input.member ? 'AddUserToGroup' : 'RemoveUserFromGroup';
  if (!authorize(action, target.entity)) throw new GatehouseError('ACCESS_DENIED', 'The policies do not let you change this account\'s groups');
  return transact(async (trx) => {
    if (input.member) await addUserToGroup(trx, input.userId, input.group);
    else await removeUserFromGroup(trx, input.userId, input.group);
    return { id: input.userId, groups: await listUserGroups(trx, input.userId) };
  });
}
