import { rootGroup } from '../../identity/admin/initRoot.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';
import { groupMembers } from '../groupMembers.js';

/** AWS Trusted Advisor's first check: the account that can do everything must need more than a password. */
export const rootWithoutMfa: AdvisorCheck = {
  id: 'root-mfa',
  severity: 'critical',
  title: 'Root account without MFA',
  fix: 'Sign in as root and enrol a second factor (the first sign-in asks for one), preferably a security key: POST /auth/mfa/webauthn/register/options.',
  async run({ db, now }) {
    const roots = await groupMembers(db, rootGroup, now);
    if (roots.length === 0) return { status: 'pass', finding: 'No root account exists (gatehouse root init creates it).' };
    const bare = roots.filter((root) => !root.hasFactor);
    if (bare.length > 0) return { status: 'fail', finding: `The root account ${bare.map((r) => r.email).join(', ')} has no second factor: a password alone opens everything.` };
    return { status: 'pass', finding: `The root account ${roots.map((r) => r.email).join(', ')} has a second factor.` };
  },
};
