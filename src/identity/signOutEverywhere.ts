import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { revokeUserSessions } from '../store/repositories/sessions.js';

/** Ends every session of a user, on every device; returns how many ended. */
export async function signOutEverywhere(runtime: Pick<Runtime, 'clock' | 'sessionRevocations'>, userId: string, transact: Transact): Promise<number> {
  const { sessionIds } = await transact(async (trx) => {
    const sessionIds = await revokeUserSessions(trx, userId, isoAt(runtime.clock()));
    return { sessionsEnded: sessionIds.length, sessionIds };
  });
  runtime.sessionRevocations.announce(sessionIds);
  return sessionIds.length;
}
