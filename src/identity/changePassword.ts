import { isoAt } from '../clock/clock.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { consumeUserChallenges } from '../store/repositories/mfaChallenges.js';
import { revokeUserSessions } from '../store/repositories/sessions.js';
import { findUserById, updatePasswordHash } from '../store/repositories/users.js';
import { checkPasswordPolicy } from './passwords/checkPasswordPolicy.js';
import { hashPassword, verifyPassword } from './passwords/hashPassword.js';

/**
 * Changes the signed-in user's password after checking the current one, and ends the
 * user's other sessions (the one making the change stays signed in).
 */
export async function changePassword(
  runtime: Runtime,
  input: { userId: string; sessionId: string; currentPassword: string; password: string },
  transact: Transact,
): Promise<void> {
  const user = await findUserById(runtime.db, input.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new GatehouseError('INVALID_CREDENTIALS', 'The current password is wrong');
  }
  checkPasswordPolicy(input.password, user.email);
  const passwordHash = await hashPassword(input.password);
  const at = isoAt(runtime.clock());
  const ended = await transact(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash, at);
    await consumeUserChallenges(trx, user.id, at);
    const sessionIds = await revokeUserSessions(trx, user.id, at, input.sessionId);
    return { sessionsEnded: sessionIds.length, sessionIds };
  });
  runtime.sessionRevocations.announce(ended.sessionIds);
}
