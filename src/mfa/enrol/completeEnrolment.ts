import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { newSession, type Origin } from '../../identity/sessions/newSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import type { Transact } from '../../store/Transact.js';
import { clearCodeAttempts } from '../../store/repositories/codes.js';
import { consumeChallenge, consumeUserChallenges } from '../../store/repositories/mfaChallenges.js';
import { enableFactor } from '../../store/repositories/mfaFactors.js';
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from '../../store/repositories/recoveryCodes.js';
import { insertSession, markSessionAuthenticated } from '../../store/repositories/sessions.js';
import type { SessionRow } from '../../store/schema.js';
import type { MfaMethodName } from '../methods/MfaMethod.js';
import { hashRecoveryCode, newRecoveryCodes } from '../recovery/recoveryCodes.js';
import { actingAs, type Enrollee } from './Enrollee.js';

/** What enabling a factor gives: recovery codes with the first factor; a session for a setupToken. */
export interface Enrolled {
  recoveryCodes?: string[];
  signedIn?: { token: string; session: SessionRow; user: { id: string; email: string }; groups: string[] };
}

/**
 * Enables a pending factor whose first code checked out, in one transaction: `before` (which
 * inserts the factor or spends its code), the factor, its
 * first code or counter, a set of recovery codes if the user has none, and for a setupToken
 * the token consumed and an MFA-authenticated session opened.
 */
export async function completeEnrolment(
  runtime: Runtime,
  enrollee: Enrollee,
  factor: { id: string; type: MfaMethodName; counter?: number; lastStep?: number; before?: (trx: Store, at: string) => Promise<void> },
  origin: Origin,
  transact: Transact,
): Promise<Enrolled> {
  const userId = enrollee.user.id;
  const at = isoAt(runtime.clock());
  const recoveryCodes = (await countUnusedRecoveryCodes(runtime.db, userId)) === 0 ? newRecoveryCodes() : undefined;
  const opened = enrollee.via === 'setup' ? newSession(runtime, userId, origin, true) : undefined;
  await transact(async (trx) => {
    await factor.before?.(trx, at);
    const set = { ...(factor.counter !== undefined ? { counter: factor.counter } : {}), ...(factor.lastStep !== undefined ? { last_step: factor.lastStep } : {}) };
    if (!(await enableFactor(trx, factor.id, at, set))) throw new GatehouseError('CONFLICT', 'This factor is enabled already');
    if (recoveryCodes) await replaceRecoveryCodes(trx, userId, recoveryCodes.map((code) => hashRecoveryCode(runtime, userId, code)), at);
    await clearCodeAttempts(trx, userId, 'mfa-enrol');
    // The first code of the new factor proves it: the enrolling session is MFA-authenticated from now.
    if (enrollee.via === 'session') await markSessionAuthenticated(trx, enrollee.sessionId, at);
    if (enrollee.via === 'setup') {
      if (!(await consumeChallenge(trx, enrollee.challengeId, at))) throw new GatehouseError('UNAUTHENTICATED', 'The setup token was used already; sign in again');
      // Other setup tokens of earlier sign-ins end too: the first factor is chosen now.
      await consumeUserChallenges(trx, userId, at);
      await insertSession(trx, opened!.row);
    }
    return { ...actingAs(enrollee), ...(opened ? { sessionId: opened.row.id } : {}), factorId: factor.id, mfa: { factorType: factor.type, outcome: 'ENROLLED' } };
  });
  return {
    ...(recoveryCodes ? { recoveryCodes } : {}),
    ...(opened ? { signedIn: { token: opened.token, session: opened.row, user: enrollee.user, groups: enrollee.groups } } : {}),
  };
}
