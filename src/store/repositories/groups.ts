import type { Store } from '../openDatabase.js';
import { userEnabledAt } from '../userEnabledAt.js';

/** The names of the groups `userId` belongs to, sorted. */
export async function listUserGroups(db: Store, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_groups')
    .select('group_name')
    .where('user_id', '=', userId)
    .orderBy('group_name')
    .execute();
  return rows.map((r) => r.group_name);
}

/** True when a group of that name exists. */
export async function groupExists(db: Store, name: string): Promise<boolean> {
  return (await db.selectFrom('groups').select('name').where('name', '=', name).executeTakeFirst()) !== undefined;
}

/** Adds a user to a group; adding twice is a no-op. */
export async function addUserToGroup(db: Store, userId: string, groupName: string): Promise<void> {
  await db
    .insertInto('user_groups')
    .values({ user_id: userId, group_name: groupName })
    .onConflict((oc) => oc.columns(['user_id', 'group_name']).doNothing())
    .execute();
}

/** The memberships of the given users, as (user, group) pairs. */
export function listGroupsOfUsers(db: Store, userIds: string[]): Promise<Array<{ user_id: string; group_name: string }>> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('user_groups').select(['user_id', 'group_name']).where('user_id', 'in', userIds).orderBy('group_name').execute();
}

/** True when some user belongs to `group`. */
export async function groupHasMembers(db: Store, group: string): Promise<boolean> {
  return (await db.selectFrom('user_groups').select('user_id').where('group_name', '=', group).executeTakeFirst()) !== undefined;
}

/** Removes a user from a group; false when they were not a member. */
export async function removeUserFromGroup(db: Store, userId: string, groupName: string): Promise<boolean> {
  const result = await db.deleteFrom('user_groups').where('user_id', '=', userId).where('group_name', '=', groupName).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Every group's name, sorted. */
export async function listGroupNames(db: Store): Promise<string[]> {
  const rows = await db.selectFrom('groups').select('name').orderBy('name').execute();
  return rows.map((row) => row.name);
}

/** Up to `limit` confirmed members of `group` enabled at `now` (id and e-mail), ordered by e-mail. */
export function listGroupMembers(db: Store, group: string, limit: number, now: string): Promise<Array<{ id: string; email: string }>> {
  return db
    .selectFrom('user_groups')
    .innerJoin('users', 'users.id', 'user_groups.user_id')
    .select(['users.id', 'users.email'])
    .where('user_groups.group_name', '=', group)
    .where('users.confirmed_at', 'is not', null)
    .where(userEnabledAt('users.disabled_at', now))
    .orderBy('users.email')
    .limit(limit)
    .execute();
}
