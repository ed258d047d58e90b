import { advanceTotpStep } from '../../store/repositories/mfaFactors.js';
import { openFactorSecret } from '../factorSecret.js';
import { matchTotp } from '../otp/otpCodes.js';
import type { AcceptedFactor, MfaMethod } from './MfaMethod.js';

/** Authenticator apps and TOTP hardware tokens (RFC 6238): a code is accepted once, its step stored. */
export const totpMethod: MfaMethod = {
  method: 'totp',
  offered: (attempt) => attempt.factors.some((f) => f.type === 'totp'),
  async verify(attempt, proof) {
    if (!proof.code) return undefined;
    const now = attempt.runtime.clock();
    for (const factor of attempt.factors.filter((f) => f.type === 'totp')) {
      const step = matchTotp(openFactorSecret(attempt.runtime, factor.id, factor.secret!), proof.code, now);
      // RFC 6238 §5.2: a verifier must not accept the second attempt of the same OTP.
      // `weakened`: a test instance that takes a code twice (RuntimeOptions.unsafeWeakenForTests).
      const replayable = attempt.runtime.weakened.has('totpReplay');
      if (step === undefined || (factor.last_step !== null && step <= factor.last_step && !replayable)) continue;
      const accepted: AcceptedFactor = { factorId: factor.id, factorType: 'totp', commit: async (trx, at) => (await advanceTotpStep(trx, factor.id, step, at)) || replayable };
      return accepted;
    }
    return undefined;
  },
};
