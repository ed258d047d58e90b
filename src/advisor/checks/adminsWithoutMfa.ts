import type { AdvisorCheck } from '../AdvisorCheck.js';
import { groupMembers, listOf } from '../groupMembers.js';

/** Every administrator needs a second factor (NIST SP 800-63B AAL2 for privileged access). */
export const adminsWithoutMfa: AdvisorCheck = {
  id: 'admins-mfa',
  severity: 'high',
  title: 'Administrators without MFA',
  fix: 'Each listed administrator signs in and enrols a second factor (their next sign-in asks for one); or remove them from `admins`.',
  async run({ db, now }) {
    const admins = await groupMembers(db, 'admins', now);
    const bare = admins.filter((admin) => !admin.hasFactor);
    if (bare.length > 0) return { status: 'fail', finding: `${bare.length} of ${admins.length} administrator(s) have no second factor: ${listOf(bare.map((a) => a.email))}.` };
    return { status: 'pass', finding: admins.length === 0 ? 'There are no administrators.' : `All ${admins.length} administrator(s) have a second factor.` };
  },
};
