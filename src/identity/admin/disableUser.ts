import type { Authorize } from '../../apps/Authorize.js';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { consumeUserChallenges } from '../../store/repositories/mfaChallenges.js';
import { revokeUserSessions } from '../../store/repositories/sessions.js';
import { setUserDisabled } from '../../store/repositories/users.js';
import type { Transact } from '../../store/Transact.js';
import { rootGroup } from './initRoot.js';
import { managedUser } from './managedUser.js';

/**
 * An administrator disables an account: it can no longer sign in, and every session it has
 * ends at once on every instance (as after a password reset). Root cannot be disabled (it is
 * the way back in), nor can administrators disable themselves (nobody would be left to undo it).
 */
export async function disableUser(runtime: Pick<Runtime, 'db' | 'clock' | 'sessionRevocations'>, authorize: Authorize, input: { actorId: string; userId: string }, transact: Transact) {
  const target = await managedUser(runtime, input.userId);
  if (target.view.groups.includes(rootGroup)) throw new GatehouseError('ACCESS_DENIED', 'The root account cannot be disabled');
  if (input.userId === input.actorId) throw new GatehouseError('ACCESS_DENIED', 'You cannot disable your own account');
  if (!authorize('DisableUser', target.entity)) throw new GatehouseError('ACCESS_DENIED', 'The policies do not let you disable this account');
  const at = isoAt(runtime.clock());
  const ended = await transact(async (trx) => {
    await setUserDisabled(trx, input.userId, at, at);
    // A second step begun before the account was disabled must not finish after.
    await consumeUserChallenges(trx, input.userId, at);
    const sessionIds = await revokeUserSessions(trx, input.userId, at);
    return { id: input.userId, disabled: true, sessionsEnded: sessionIds.length, sessionIds };
  });
  runtime.sessionRevocations.announce(ended.sessionIds);
  return { id: ended.id, disabled: true, sessionsEnded: ended.sessionsEnded };
}
