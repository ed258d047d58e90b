import type { Runtime } from '../../runtime/Runtime.js';
import { listGroupsOfUsers } from '../../store/repositories/groups.js';
import { listEnabledFactorTypes } from '../../store/repositories/mfaFactors.js';
import { listUsers as listUserRows } from '../../store/repositories/users.js';

/** A page of users for administrators: groups and second-factor types, never a secret. */
export async function listUsers(runtime: Pick<Runtime, 'db'>, input: { limit: number; after?: string }) {
  const rows = await listUserRows(runtime.db, input.limit, input.after);
  const ids = rows.map((row) => row.id);
  const groups = await listGroupsOfUsers(runtime.db, ids);
  const factors = await listEnabledFactorTypes(runtime.db, ids);
  const users = rows.map((row) => ({
    id: row.id,
    email: row.email,
    confirmed: row.confirmed_at !== null,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    groups: groups.filter((g) => g.user_id === row.id).map((g) => g.group_name),
    mfa: [...new Set(factors.filter((f) => f.user_id === row.id).map((f) => f.type))].sort(),
  }));
  return { users, next: rows.length === input.limit ? rows.at(-1)!.email : null };
}
