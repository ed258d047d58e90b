import type { Store } from '../openDatabase.js';
import type { SessionRow } from '../schema.js';

/** Inserts a session. */
export async function insertSession(db: Store, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The live (not revoked) session whose token hashes to `tokenHash`. */
export function findLiveSessionByTokenHash(db: Store, tokenHash: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Records activity on a session, for the idle timeout. */
export async function touchSession(db: Store, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

/** Revokes one session. */
export async function revokeSession(db: Store, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session of a user, except `exceptSessionId` when given; returns how many. */
export async function revokeUserSessions(db: Store, userId: string, at: string, exceptSessionId?: string): Promise<number> {
  let query = db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
