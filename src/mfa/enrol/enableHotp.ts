import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Origin } from '../../identity/sessions/newSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { insertFactor } from '../../store/repositories/mfaFactors.js';
import { invalidSecondFactor } from '../attempts.js';
import { claimTry } from '../claimTry.js';
import { isUsableSeed, matchHotp, normalizeSeed } from '../otp/otpCodes.js';
import { completeEnrolment, type Enrolled } from './completeEnrolment.js';
import { enrolmentTries, type Enrollee } from './Enrollee.js';
import { newFactorRow } from './newFactorRow.js';

// A token fresh from its box may have been pressed while testing it: look further ahead once, at enrolment.
const enrolmentLookAhead = 100;

/**
 * `POST /auth/mfa/hotp/enable`: a hardware token's base32 seed (from its card) and a code it
 * shows; the counter is synchronised to just past that code.
 */
export async function enableHotp(runtime: Runtime, enrollee: Enrollee, input: { secret: string; code: string; label: string; origin: Origin }, transact: Transact): Promise<Enrolled> {
  const secret = normalizeSeed(input.secret);
  if (!isUsableSeed(secret)) throw new GatehouseError('VALIDATION_ERROR', 'secret: must be the base32 seed of the token (at least 80 bits)');
  if (!(await claimTry(runtime, enrollee.user.id, 'mfa-enrol', enrolmentTries))) throw invalidSecondFactor();
  const counter = matchHotp(secret, input.code, 0, enrolmentLookAhead);
  if (counter === undefined) throw invalidSecondFactor();
  const newRow = newFactorRow(runtime, { userId: enrollee.user.id, type: 'hotp', label: input.label, secret });
  return completeEnrolment(runtime, enrollee, { id: newRow.id, type: 'hotp', counter: counter + 1, before: (trx) => insertFactor(trx, newRow) }, input.origin, transact);
}
