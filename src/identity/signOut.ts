import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { revokeSession, revokeUserSessions } from '../store/repositories/sessions.js';

/** Ends one session; its cookie is refused from the next request on. */
export async function signOut(runtime: Pick<Runtime, 'clock'>, sessionId: string, transact: Transact): Promise<void> {
  await transact((trx) => revokeSession(trx, sessionId, isoAt(runtime.clock())));
}

/** Ends every session of a user, on every device. */
export async function signOutEverywhere(runtime: Pick<Runtime, 'clock'>, userId: string, transact: Transact): Promise<number> {
  const { sessionsEnded } = await transact(async (trx) => ({ sessionsEnded: await revokeUserSessions(trx, userId, isoAt(runtime.clock())) }));
  return sessionsEnded;
}
