import { randomUUID } from 'node:crypto';
import { isoAt, type Clock } from '../clock/clock.js';
import type { VerifyReport } from '../audit/verifyTrail.js';
import type { Store } from '../store/openDatabase.js';

/** Keeps the outcome of one verification of the audit trail, which the advisor reads (verified in the last day, and holding). */
export async function recordAuditVerification(db: Store, clock: Clock, report: Pick<VerifyReport, 'breaks' | 'events'>): Promise<void> {
  const first = report.breaks[0];
  await db
    .insertInto('audit_verifications')
    .values({
      id: randomUUID(),
      ran_at: isoAt(clock()),
      ok: first ? 0 : 1,
      events_checked: report.events.checked,
      first_break: first ? `${first.sequence} ${first.reason}: ${first.detail}`.slice(0, 500) : null,
    })
    .execute();
}
