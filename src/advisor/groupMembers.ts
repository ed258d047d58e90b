import { isoAt } from '../clock/clock.js';
import type { Store } from '../store/openDatabase.js';
import { userEnabledAt } from '../store/userEnabledAt.js';

/** A member of a group as the advisor sees it: who, and whether a second factor is enabled. */
export interface Member {
  id: string;
  email: string;
  hasFactor: boolean;
}

/** The members of `group` enabled at `now` (ms), each with whether it has an enabled second factor. */
export async function groupMembers(db: Store, group: string, now: number): Promise<Member[]> {
  const rows = await db
    .selectFrom('user_groups')
    .innerJoin('users', 'users.id', 'user_groups.user_id')
    .select(['users.id', 'users.email'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('mfa_factors').select('mfa_factors.id').whereRef('mfa_factors.user_id', '=', 'users.id').where('mfa_factors.enabled_at', 'is not', null))
        .as('has_factor'),
    )
    .where('user_groups.group_name', '=', group)
    .where(userEnabledAt('users.disabled_at', isoAt(now)))
    .orderBy('users.email')
    .execute();
  // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
  return rows.map((row) => ({ id: row.id, email: row.email, hasFactor: Boolean(row.has_factor) }));
}

/** A list of e-mail addresses for a finding, cut short past `max`. */
export function listOf(emails: string[], max = 5): string {
  return emails.length <= max ? emails.join(', ') : `${emails.slice(0, max).join(', ')} and ${emails.length - max} more`;
}
