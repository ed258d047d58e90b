import type { Authorize } from '../apps/Authorize.js';
import { isoAt, type Clock } from '../clock/clock.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Store } from '../store/openDatabase.js';
import { auditTrailEntity } from './lookupEvents.js';
import { trailInStore } from './trailInStore.js';
import { verifyTrail, type TrailBreak } from './verifyTrail.js';

/** What the verifier found, as the console shows it. */
export interface IntegrityStatus {
  ok: boolean;
  checkedEvents: number;
  validEvents: number;
  digests: { checked: number; valid: number };
  /** Events after the newest signed digest (not signed yet). */
  unsigned: number;
  /** The lowest sequence that breaks the trail, and why; absent when it holds. */
  firstBreak?: TrailBreak;
  verifiedAt: string;
}

/**
 * Runs the verifier of `gatehouse audit verify` over the store's trail (hash chain and signed
 * digests, with the store's keys) for a caller the policies let verify it (auditors, root).
 */
export async function checkIntegrity(db: Store, clock: Clock, authorize: Authorize): Promise<IntegrityStatus> {
  if (!authorize('VerifyAuditTrail', auditTrailEntity)) throw new GatehouseError('ACCESS_DENIED', 'Only auditors verify the audit trail');
  const report = await verifyTrail(await trailInStore(db));
  const firstBreak = report.breaks[0];
  return {
    ok: firstBreak === undefined,
    checkedEvents: report.events.checked,
    validEvents: report.events.valid,
    digests: report.digests,
    unsigned: report.unsigned,
    ...(firstBreak ? { firstBreak } : {}),
    verifiedAt: isoAt(clock()),
  };
}
