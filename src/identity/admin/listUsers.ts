import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import { listGroupsOfUsers } from '../../store/repositories/groups.js';
import { listEnabledFactorTypes } from '../../store/repositories/mfaFactors.js';
import { listUsers as listUserRows } from '../../store/repositories/users.js';
import type { UserRow } from '../../store/schema.js';
import { isDisabled } from '../accountDisabled.js';

/** A user as administrators see it: groups and second-factor types, never a secret. */
export interface AdminUserView {
  id: string;
  email: string;
  confirmed: boolean;
  /** Disabled now (`isDisabled`). */
  disabled: boolean;
  /** When the account was or will be disabled (a future time is its expiry), or null. */
  disabledAt: string | null;
  createdAt: string;
  groups: string[];
  mfa: string[];
}

/** The administrators' view of the given users at `now` (ms), in their order. */
export async function viewUsers(db: Store, now: number, rows: Array<Pick<UserRow, 'id' | 'email' | 'confirmed_at' | 'disabled_at' | 'created_at'>>): Promise<AdminUserView[]> {
  const ids = rows.map((row) => row.id);
  const groups = await listGroupsOfUsers(db, ids);
  const factors = await listEnabledFactorTypes(db, ids);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    confirmed: row.confirmed_at !== null,
    disabled: isDisabled(row, now),
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    groups: groups.filter((g) => g.user_id === row.id).map((g) => g.group_name),
    mfa: [...new Set(factors.filter((f) => f.user_id === row.id).map((f) => f.type))].sort(),
  }));
}

/** A page of users for administrators, those whose e-mail contains `query` when given. */
export async function listUsers(runtime: Pick<Runtime, 'db' | 'clock'>, input: { limit: number; after?: string; query?: string }) {
  const rows = await listUserRows(runtime.db, input.limit, input.after, input.query);
  const users = await viewUsers(runtime.db, runtime.clock(), rows);
  return { users, next: rows.length === input.limit ? rows.at(-1)!.email : null };
}
