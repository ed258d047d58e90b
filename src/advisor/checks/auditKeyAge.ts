import type { AdvisorCheck } from '../AdvisorCheck.js';

const maxDays = 90;

/** The audit key signs the trail's digests; like any signing key it needs a cryptoperiod (NIST SP 800-57). */
export const auditKeyAge: AdvisorCheck = {
  id: 'audit-key-age',
  severity: 'medium',
  title: 'Audit signing key older than 90 days',
  fix: 'Retire the key (set `retired_at` on its row in audit_keys) and restart the instances: the next digest makes a new key, and the retired public key keeps verifying older digests.',
  async run({ db, now }) {
    const key = await db.selectFrom('audit_keys').select(['fingerprint', 'created_at']).where('retired_at', 'is', null).where('private_key', 'is not', null).orderBy('created_at').executeTakeFirst();
    if (!key) return { status: 'pass', finding: 'No audit signing key yet (made at the first digest).' };
    const days = Math.floor((now - Date.parse(key.created_at)) / 86_400_000);
    if (days > maxDays) return { status: 'fail', finding: `The audit key ${key.fingerprint} is ${days} days old (made ${key.created_at}).` };
    return { status: 'pass', finding: `The audit key ${key.fingerprint} is ${days} day(s) old.` };
  },
};
