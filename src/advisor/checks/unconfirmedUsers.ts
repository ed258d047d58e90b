import { isoAt } from '../../clock/clock.js';
import { userEnabledAt } from '../../store/userEnabledAt.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';
import { listOf } from '../groupMembers.js';

/** Sign-ups nobody confirmed: addresses typed wrong, or someone else's address used. */
export const unconfirmedUsers: AdvisorCheck = {
  id: 'unconfirmed-users',
  severity: 'low',
  title: 'Users who never confirmed their address',
  fix: 'Delete the stale sign-ups (they cannot sign in, but keep their addresses); GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS sets how old is stale.',
  async run({ db, now, config }) {
    const days = config.advisorUnconfirmedDays;
    const rows = await db
      .selectFrom('users')
      .select(['email'])
      .where('confirmed_at', 'is', null)
      .where(userEnabledAt('disabled_at', isoAt(now)))
      .where('created_at', '<', isoAt(now - days * 86_400_000))
      .orderBy('created_at')
      .execute();
    if (rows.length > 0) return { status: 'fail', finding: `${rows.length} user(s) signed up more than ${days} days ago and never confirmed: ${listOf(rows.map((r) => r.email))}.` };
    return { status: 'pass', finding: `No sign-up older than ${days} days is unconfirmed.` };
  },
};
