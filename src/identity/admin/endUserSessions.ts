import type { Authorize } from '../../apps/Authorize.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { signOutEverywhere } from '../signOutEverywhere.js';
import { managedUser } from './managedUser.js';

/** An administrator signs a user out everywhere: every session of theirs ends on every instance. */
export async function endUserSessions(runtime: Pick<Runtime, 'db' | 'clock' | 'sessionRevocations'>, authorize: Authorize, input: { userId: string }, transact: Transact) {
  const target = await managedUser(runtime, input.userId);
  if (!authorize('EndUserSessions', target.entity)) throw new GatehouseError('ACCESS_DENIED', 'The policies do not let you sign this account out');
  const sessionsEnded = await signOutEverywhere(runtime, input.userId, transact);
  return { id: input.userId, sessionsEnded };
}
