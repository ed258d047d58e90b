import { advanceHotpCounter } from '../../store/repositories/mfaFactors.js';
import { openFactorSecret } from '../factorSecret.js';
import { matchHotp } from '../otp/otpCodes.js';
import type { AcceptedFactor, MfaMethod } from './MfaMethod.js';

/** Hardware HOTP tokens (RFC 4226): look-ahead of ten, the counter moved past the code used. */
export const hotpMethod: MfaMethod = {
  method: 'hotp',
  offered: (attempt) => attempt.factors.some((f) => f.type === 'hotp'),
  async verify(attempt, proof) {
    if (!proof.code) return undefined;
    for (const factor of attempt.factors.filter((f) => f.type === 'hotp')) {
      const from = factor.counter ?? 0;
      const counter = matchHotp(openFactorSecret(attempt.runtime, factor.id, factor.secret!), proof.code, from);
      if (counter === undefined) continue;
      // RFC 4226 §7.4: a match ahead of the expected counter resynchronises it to just past the match.
      const accepted: AcceptedFactor = { factorId: factor.id, factorType: 'hotp', commit: (trx, at) => advanceHotpCounter(trx, factor.id, from, counter + 1, at) };
      return accepted;
    }
    return undefined;
  },
};
