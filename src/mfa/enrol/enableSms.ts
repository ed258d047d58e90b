import { checkCode } from '../../identity/codes/checkCode.js';
import type { Origin } from '../../identity/sessions/newSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import type { Transact } from '../../store/Transact.js';
import { clearCodeAttempts, consumeCode, deleteCodes } from '../../store/repositories/codes.js';
import { findUserFactor } from '../../store/repositories/mfaFactors.js';
import { invalidSecondFactor } from '../attempts.js';
import { completeEnrolment, type Enrolled } from './completeEnrolment.js';
import type { Enrollee } from './Enrollee.js';

/** `POST /auth/mfa/sms/enable`: the code sent by `sms/setup` proves the number; tries are counted per user (checkCode). */
export async function enableSms(runtime: Runtime, enrollee: Enrollee, input: { factorId: string; code: string; origin: Origin }, transact: Transact): Promise<Enrolled> {
  const factor = await findUserFactor(runtime.db, enrollee.user.id, input.factorId);
  const code = await checkCode(runtime, enrollee.user.id, 'mfa-sms-enrol', input.code);
  if (!factor || factor.type !== 'sms' || factor.enabled_at) throw invalidSecondFactor();
  const spendCode = async (trx: Store, at: string) => {
    if (!(await consumeCode(trx, code.id, at))) throw invalidSecondFactor();
    await deleteCodes(trx, enrollee.user.id, 'mfa-sms-enrol');
    await clearCodeAttempts(trx, enrollee.user.id, 'mfa-sms-enrol');
  };
  return completeEnrolment(runtime, enrollee, { id: factor.id, type: 'sms', before: spendCode }, input.origin, transact);
}
