import { isGatehouseError } from '../../errors/GatehouseError.js';
import { checkCode } from '../../identity/codes/checkCode.js';
import { clearCodeAttempts, consumeCode } from '../../store/repositories/codes.js';
import { touchFactor } from '../../store/repositories/mfaFactors.js';
import { openFactorSecret } from '../factorSecret.js';
import { maskPhone, sendSmsCode } from '../sms/sendSmsCode.js';
import type { AcceptedFactor, MfaMethod } from './MfaMethod.js';

/** A code by SMS to the user's verified phone number; asked for with the challenge step first. */
export const smsMethod: MfaMethod = {
  method: 'sms',
  offered: (attempt) => attempt.factors.some((f) => f.type === 'sms'),
  async challenge(attempt) {
    const factor = attempt.factors.find((f) => f.type === 'sms')!;
    const phone = openFactorSecret(attempt.runtime, factor.id, factor.secret!);
    await sendSmsCode(attempt.runtime, attempt.user.id, phone, 'mfa-sms');
    return { sent: true, to: maskPhone(phone) };
  },
  async verify(attempt, proof) {
    if (!proof.code) return undefined;
    const factor = attempt.factors.find((f) => f.type === 'sms')!;
    let codeId: string;
    try {
      codeId = (await checkCode(attempt.runtime, attempt.user.id, 'mfa-sms', proof.code)).id;
    } catch (error) {
      if (isGatehouseError(error, 'INVALID_CODE')) return undefined;
      throw error;
    }
    const accepted: AcceptedFactor = {
      factorId: factor.id,
      factorType: 'sms',
      async commit(trx, at) {
        if (!(await consumeCode(trx, codeId, at))) return false;
        await clearCodeAttempts(trx, attempt.user.id, 'mfa-sms');
        await touchFactor(trx, factor.id, at);
        return true;
      },
    };
    return accepted;
  },
};
