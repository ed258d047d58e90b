import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { deleteCodes } from '../../store/repositories/codes.js';
import { deletePendingFactors, insertFactor } from '../../store/repositories/mfaFactors.js';
import { maskPhone, sendSmsCode } from '../sms/sendSmsCode.js';
import { actingAs, type Enrollee } from './Enrollee.js';
import { newFactorRow } from './newFactorRow.js';

/** E.164: a plus, a country code not starting with 0, at most fifteen digits in all (validated at the edge). */
export const e164 = /^\+[1-9]\d{6,14}$/;

/**
 * `POST /auth/mfa/sms/setup`: a pending SMS factor holding the sealed number, and a code
 * sent to it; `sms/enable` with that code proves the number is the user's.
 */
export async function setupSms(runtime: Runtime, enrollee: Enrollee, input: { phone: string }, transact: Transact) {
  const row = newFactorRow(runtime, { userId: enrollee.user.id, type: 'sms', label: `Phone ${maskPhone(input.phone)}`, secret: input.phone });
  await transact(async (trx) => {
    await deletePendingFactors(trx, enrollee.user.id, 'sms');
    // A code sent to an earlier number must not prove this one.
    await deleteCodes(trx, enrollee.user.id, 'mfa-sms-enrol');
    await insertFactor(trx, row);
    return { ...actingAs(enrollee), factorId: row.id, mfa: { factorType: 'sms', outcome: 'SETUP' } };
  });
  await sendSmsCode(runtime, enrollee.user.id, input.phone, 'mfa-sms-enrol');
  return { factorId: row.id, to: maskPhone(input.phone) };
}
