import { isoAt } from '../../clock/clock.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';

/** A tamper-evident trail is only evident when someone checks it (CloudTrail: validate-logs). */
export const auditVerifiedRecently: AdvisorCheck = {
  id: 'audit-verified',
  severity: 'medium',
  title: 'Audit chain not verified in the last 24 hours',
  fix: 'Run `gatehouse audit verify` at least daily (cron, a scheduled job), and alert when it exits 1.',
  async run({ db, now }) {
    const last = await db.selectFrom('audit_verifications').select(['ran_at']).orderBy('ran_at', 'desc').executeTakeFirst();
    if (!last) return { status: 'fail', finding: 'The audit chain has never been verified.' };
    if (last.ran_at < isoAt(now - 86_400_000)) return { status: 'fail', finding: `The audit chain was last verified at ${last.ran_at}, more than 24 hours ago.` };
    return { status: 'pass', finding: `The audit chain was last verified at ${last.ran_at}.` };
  },
};
