import { isGatehouseError } from '../../errors/GatehouseError.js';
import { touchFactor } from '../../store/repositories/mfaFactors.js';
import { authenticationOptions } from '../webauthn/authenticationOptions.js';
import { authenticationResponse } from '../webauthn/responseSchemas.js';
import { verifyAssertion } from '../webauthn/verifyAssertion.js';
import type { AcceptedFactor, MfaMethod } from './MfaMethod.js';

/**
 * Security keys and passkeys: the challenge step hands out request options whose challenge
 * waits in the attempt's slot (bound to the mfaToken or the session, single use); the answer
 * is an assertion from one of the user's enabled keys, with a counter that moves forward.
 */
export const webauthnMethod: MfaMethod = {
  method: 'webauthn',
  offered: (attempt) => attempt.factors.some((f) => f.type === 'webauthn'),
  async challenge(attempt) {
    const options = await authenticationOptions(attempt.runtime, attempt.user.id);
    await attempt.slot.put(options.challenge);
    return { ...options };
  },
  async verify(attempt, proof) {
    const response = authenticationResponse.safeParse(proof.response);
    if (!response.success) return undefined;
    // Taken before any check: a challenge is answered once, whatever the outcome.
    const expectedChallenge = await attempt.slot.take();
    if (!expectedChallenge) return undefined;
    let assertion;
    try {
      assertion = await verifyAssertion(attempt.runtime, { userId: attempt.user.id, expectedChallenge, response: response.data });
    } catch (error) {
      if (isGatehouseError(error, 'INVALID_CODE')) return undefined;
      throw error;
    }
    const factorId = assertion.credential.factor_id;
    if (!attempt.factors.some((f) => f.id === factorId)) return undefined;
    const accepted: AcceptedFactor = {
      factorId,
      factorType: 'webauthn',
      async commit(trx, at) {
        if (!(await assertion.recordUse(trx))) return false;
        await touchFactor(trx, factorId, at);
        return true;
      },
    };
    return accepted;
  },
};
