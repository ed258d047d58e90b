import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { deleteFactor, findUserFactor, listEnabledFactors } from '../../store/repositories/mfaFactors.js';
import { deleteRecoveryCodes } from '../../store/repositories/recoveryCodes.js';
import { mustHaveMfa } from '../policy/mustHaveMfa.js';
import { actingAs, type Enrollee } from './Enrollee.js';

/**
 * `DELETE /auth/mfa/:id`: removes a factor. Root and admins keep at least one (409); when the
 * last one goes, the recovery codes go with it (they recover a factor, not an account).
 */
export async function removeFactor(runtime: Runtime, enrollee: Enrollee, factorId: string, transact: Transact): Promise<void> {
  const userId = enrollee.user.id;
  const factor = await findUserFactor(runtime.db, userId, factorId);
  if (!factor) throw new GatehouseError('NOT_FOUND', 'No such factor');
  await transact(async (trx) => {
    const others = (await listEnabledFactors(trx, userId)).filter((f) => f.id !== factorId);
    if (factor.enabled_at && others.length === 0 && mustHaveMfa(enrollee.groups)) {
      throw new GatehouseError('CONFLICT', 'Root and administrators must keep a second factor; enrol another one first');
    }
    if (!(await deleteFactor(trx, userId, factorId))) throw new GatehouseError('NOT_FOUND', 'No such factor');
    if (others.length === 0) await deleteRecoveryCodes(trx, userId);
    return { ...actingAs(enrollee), factorId, mfa: { factorType: factor.type, outcome: 'REMOVED' } };
  });
}
