import type { AdvisorCheck } from '../AdvisorCheck.js';
import { groupMembers, listOf } from '../groupMembers.js';

/** Least privilege: every administrator is one more account whose theft opens everything. */
export const tooManyAdmins: AdvisorCheck = {
  id: 'admins-count',
  severity: 'medium',
  title: 'More administrators than configured',
  fix: 'Remove from `admins` whoever does not administer Gatehouse, or raise GATEHOUSE_ADVISOR_MAX_ADMINS if the number is deliberate.',
  async run({ db, config, now }) {
    const admins = await groupMembers(db, 'admins', now);
    const most = config.advisorMaxAdmins;
    if (admins.length > most) return { status: 'fail', finding: `${admins.length} administrators, more than ${most} (GATEHOUSE_ADVISOR_MAX_ADMINS): ${listOf(admins.map((a) => a.email))}.` };
    return { status: 'pass', finding: `${admins.length} administrator(s), at most ${most}.` };
  },
};
