import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { revokeUserSession } from '../../store/repositories/sessions.js';

/**
 * `DELETE /auth/sessions/:id`: ends one of the user's own sessions, on every instance at once.
 * Another user's session, or one already ended, is 404, as if it did not exist.
 */
export async function endSession(runtime: Pick<Runtime, 'clock' | 'sessionRevocations'>, userId: string, sessionId: string, transact: Transact): Promise<void> {
  await transact(async (trx) => {
    if (!(await revokeUserSession(trx, userId, sessionId, isoAt(runtime.clock())))) throw new GatehouseError('NOT_FOUND', 'No such session');
    return { sessionsEnded: 1, endedSessionId: sessionId };
  });
  runtime.sessionRevocations.announce([sessionId]);
}
