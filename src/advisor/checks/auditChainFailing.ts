import type { AdvisorCheck } from '../AdvisorCheck.js';

/** A broken chain means events were changed, removed or inserted after the fact, or a digest is forged. */
export const auditChainFailing: AdvisorCheck = {
  id: 'audit-chain',
  severity: 'high',
  title: 'Audit chain failing verification',
  fix: 'Treat it as an incident: `gatehouse audit verify` names the first sequence that breaks; compare with an export or archive (`gatehouse audit verify --dir`) to see what changed, and find who had write access to the database.',
  async run({ db }) {
    const last = await db.selectFrom('audit_verifications').select(['ran_at', 'ok', 'first_break', 'events_checked']).orderBy('ran_at', 'desc').executeTakeFirst();
    if (!last) return { status: 'unknown', finding: 'The audit chain has never been verified: run `gatehouse audit verify`.' };
    if (!last.ok) return { status: 'fail', finding: `The last verification (${last.ran_at}) found the chain broken at sequence ${last.first_break ?? '(unknown)'}.` };
    return { status: 'pass', finding: `The last verification (${last.ran_at}) found all ${last.events_checked} events and their digests holding.` };
  },
};
