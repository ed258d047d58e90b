import type { Authorize } from '../../apps/Authorize.js';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { setUserDisabled } from '../../store/repositories/users.js';
import type { Transact } from '../../store/Transact.js';
import { managedUser } from './managedUser.js';

/** An administrator enables a disabled account again: it may sign in (its old sessions stay ended). */
export async function enableUser(runtime: Pick<Runtime, 'db' | 'clock'>, authorize: Authorize, input: { userId: string }, transact: Transact) {
  const target = await managedUser(runtime.db, input.userId);
  if (!authorize('EnableUser', target.entity)) throw new GatehouseError('ACCESS_DENIED', 'The policies do not let you enable this account');
  const at = isoAt(runtime.clock());
  return transact(async (trx) => {
    await setUserDisabled(trx, input.userId, null, at);
    return { id: input.userId, disabled: false };
  });
}
