import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { revokeUserSessions } from '../store/repositories/sessions.js';

/** Ends every session of a user, on every device; returns how many ended. */
export async function signOutEverywhere(runtime: Pick<Runtime, 'clock'>, userId: string, transact: Transact): Promise<number> {
  const { sessionsEnded } = await transact(async (trx) => ({ sessionsEnded: await revokeUserSessions(trx, userId, isoAt(runtime.clock())) }));
  return sessionsEnded;
}
