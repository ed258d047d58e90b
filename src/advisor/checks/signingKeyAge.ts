import type { AdvisorCheck } from '../AdvisorCheck.js';

const maxDays = 90;

/** A key that signs for years gives a thief years; NIST SP 800-57 asks for a cryptoperiod, here 90 days. */
export const signingKeyAge: AdvisorCheck = {
  id: 'signing-key-age',
  severity: 'medium',
  title: 'Token signing key older than 90 days',
  fix: 'Run `gatehouse keys rotate-signing`: a new Ed25519 key signs from then on, and the old one stays in the JWKS until its tokens expire.',
  async run({ db, now }) {
    const key = await db.selectFrom('signing_keys').select(['kid', 'created_at']).where('retired_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
    if (!key) return { status: 'pass', finding: 'No token signing key yet (made at the first token).' };
    const days = Math.floor((now - Date.parse(key.created_at)) / 86_400_000);
    if (days > maxDays) return { status: 'fail', finding: `The signing key ${key.kid} is ${days} days old (made ${key.created_at}).` };
    return { status: 'pass', finding: `The signing key ${key.kid} is ${days} day(s) old.` };
  },
};
