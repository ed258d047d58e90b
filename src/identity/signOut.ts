import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { revokeSession } from '../store/repositories/sessions.js';

/** Ends one session; its cookie is refused from the next request on, on every instance. */
export async function signOut(runtime: Pick<Runtime, 'clock' | 'sessionRevocations'>, sessionId: string, transact: Transact): Promise<void> {
  await transact(async (trx) => {
    await revokeSession(trx, sessionId, isoAt(runtime.clock()));
    return { sessionsEnded: 1 };
  });
  runtime.sessionRevocations.announce([sessionId]);
}
