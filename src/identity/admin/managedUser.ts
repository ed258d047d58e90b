import type { CedarEntity } from '../../authz/index.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { findUserById } from '../../store/repositories/users.js';
import { viewUsers, type AdminUserView } from './listUsers.js';

/** A user an administrator acts on, and the Cedar entity the policies judge the act against. */
export interface ManagedUser {
  view: AdminUserView;
  /** `User::"<id>"` in its groups, so that policies can say `resource in Group::"…"`. */
  entity: CedarEntity;
}

/** The user `userId` as administrators see and authorize it now; NOT_FOUND when there is none. */
export async function managedUser(runtime: Pick<Runtime, 'db' | 'clock'>, userId: string): Promise<ManagedUser> {
  const row = await findUserById(runtime.db, userId);
  if (!row) throw new GatehouseError('NOT_FOUND', 'No such user');
  const [view] = await viewUsers(runtime.db, runtime.clock(), [row]);
  const entity: CedarEntity = {
    uid: { type: 'User', id: row.id },
    attrs: { email: row.email },
    parents: view!.groups.map((group) => ({ type: 'Group', id: group })),
  };
  return { view: view!, entity };
}
