import type { Authorize } from '../../apps/Authorize.js';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { isDisabled } from '../accountDisabled.js';
import { consumeUserChallenges } from '../../store/repositories/mfaChallenges.js';
import { revokeUserSessions } from '../../store/repositories/sessions.js';
import { findUserById, setUserDisabled } from '../../store/repositories/users.js';
import type { Transact } from '../../store/Transact.js';
import { managedUser } from './managedUser.js';

/**
 * An administrator enables a disabled account again, or takes away an enabled one's expiry: it
 * may sign in (its old sessions stay ended, those of an account that expired included).
 */
export async function enableUser(runtime: Pick<Runtime, 'db' | 'clock' | 'sessionRevocations'>, authorize: Authorize, input: { userId: string }, transact: Transact) {
  const target = await managedUser(runtime, input.userId);
  if (!authorize('EnableUser', target.entity)) throw new GatehouseError('ACCESS_DENIED', 'The policies do not let you enable this account');
  const at = isoAt(runtime.clock());
  const ended = await transact(async (trx) => {
    // Read in the transaction, at `at`: an expiry that came since `managedUser` looked counts.
    const row = await findUserById(trx, input.userId);
    await setUserDisabled(trx, input.userId, null, at);
    const sessionIds: string[] = [];
    // An account that reached its expiry was never signed out: what it had open then ends here.
    if (row && isDisabled(row, Date.parse(at))) {
      await consumeUserChallenges(trx, input.userId, at);
      sessionIds.push(...(await revokeUserSessions(trx, input.userId, at)));
    }
    return { id: input.userId, disabled: false, sessionsEnded: sessionIds.length, sessionIds };
  });
  runtime.sessionRevocations.announce(ended.sessionIds);
  return { id: ended.id, disabled: false };
}
