import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { hasEnabledFactor } from '../../store/repositories/mfaFactors.js';
import { replaceRecoveryCodes } from '../../store/repositories/recoveryCodes.js';
import { hashRecoveryCode, newRecoveryCodes } from '../recovery/recoveryCodes.js';
import { actingAs, type Enrollee } from './Enrollee.js';

/** `POST /auth/mfa/recovery/regenerate`: ten new codes, shown once; every earlier code stops working. */
export async function regenerateRecoveryCodes(runtime: Runtime, enrollee: Enrollee, transact: Transact): Promise<string[]> {
  const userId = enrollee.user.id;
  if (!(await hasEnabledFactor(runtime.db, userId))) throw new GatehouseError('CONFLICT', 'Enrol a second factor first');
  const codes = newRecoveryCodes();
  await transact(async (trx) => {
    await replaceRecoveryCodes(trx, userId, codes.map((code) => hashRecoveryCode(runtime, userId, code)), isoAt(runtime.clock()));
    return { ...actingAs(enrollee), mfa: { factorType: 'recovery', outcome: 'REGENERATED' } };
  });
  return codes;
}
