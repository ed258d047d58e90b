import { countUnusedRecoveryCodes, hasUnusedRecoveryCode, useRecoveryCode } from '../../store/repositories/recoveryCodes.js';
import { hashRecoveryCode } from '../recovery/recoveryCodes.js';
import type { AcceptedFactor, MfaMethod } from './MfaMethod.js';

/** Recovery codes: each works once, for a user who lost their device. */
export const recoveryMethod: MfaMethod = {
  method: 'recovery',
  offered: async (attempt) => (await countUnusedRecoveryCodes(attempt.runtime.db, attempt.user.id)) > 0,
  async verify(attempt, proof) {
    if (!proof.code) return undefined;
    const userId = attempt.user.id;
    const hash = hashRecoveryCode(attempt.runtime, userId, proof.code);
    if (!(await hasUnusedRecoveryCode(attempt.runtime.db, userId, hash))) return undefined;
    const accepted: AcceptedFactor = { factorId: null, factorType: 'recovery', commit: (trx, at) => useRecoveryCode(trx, userId, hash, at) };
    return accepted;
  },
};
