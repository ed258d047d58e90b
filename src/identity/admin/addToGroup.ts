import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { addUserToGroup, groupExists, listUserGroups } from '../../store/repositories/groups.js';
import { findUserByEmail } from '../../store/repositories/users.js';
import { normalizeEmail } from '../normalizeEmail.js';
import { rootGroup } from './initRoot.js';

/** An administrator adds an existing user to an existing group (idempotent). */
export async function addToGroup(runtime: Pick<Runtime, 'db'>, input: { group: string; email: string }, transact: Transact): Promise<{ id: string; groups: string[] }> {
  if (input.group === rootGroup) throw new GatehouseError('ACCESS_DENIED', 'root is made only by `gatehouse root init`');
  if (!(await groupExists(runtime.db, input.group))) throw new GatehouseError('NOT_FOUND', `no such group: ${input.group}`);
  const user = await findUserByEmail(runtime.db, normalizeEmail(input.email));
  if (!user) throw new GatehouseError('NOT_FOUND', `no such user: ${input.email}`);
  return transact(async (trx) => {
    await addUserToGroup(trx, user.id, input.group);
    return { id: user.id, groups: await listUserGroups(trx, user.id) };
  });
}
