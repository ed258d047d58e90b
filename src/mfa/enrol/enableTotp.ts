import type { Origin } from '../../identity/sessions/newSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { findUserFactor } from '../../store/repositories/mfaFactors.js';
import { invalidSecondFactor } from '../attempts.js';
import { claimTry } from '../claimTry.js';
import { openFactorSecret } from '../factorSecret.js';
import { matchTotp } from '../otp/otpCodes.js';
import { completeEnrolment, type Enrolled } from './completeEnrolment.js';
import { enrolmentTries, type Enrollee } from './Enrollee.js';

/** `POST /auth/mfa/totp/enable`: the first code from the app proves it holds the seed; its step is then used. */
export async function enableTotp(runtime: Runtime, enrollee: Enrollee, input: { factorId: string; code: string; origin: Origin }, transact: Transact): Promise<Enrolled> {
  if (!(await claimTry(runtime, enrollee.user.id, 'mfa-enrol', enrolmentTries))) throw invalidSecondFactor();
  const factor = await findUserFactor(runtime.db, enrollee.user.id, input.factorId);
  if (!factor || factor.type !== 'totp' || factor.enabled_at) throw invalidSecondFactor();
  const step = matchTotp(openFactorSecret(runtime, factor.id, factor.secret!), input.code, runtime.clock());
  if (step === undefined) throw invalidSecondFactor();
  return completeEnrolment(runtime, enrollee, { id: factor.id, type: 'totp', lastStep: step }, input.origin, transact);
}
