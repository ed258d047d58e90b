import type { Store } from '../openDatabase.js';
import type { SessionRow, UserRow } from '../schema.js';

/** Inserts a session. */
export async function insertSession(db: Store, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The user as a request sees it: everything but the password hash, which stays in the store. */
export type SessionUser = Omit<UserRow, 'password_hash'>;

/** The live session whose token hashes to `tokenHash`, with its user, in one round trip (the per-request lookup). */
export async function findLiveSessionWithUser(db: Store, tokenHash: string): Promise<{ session: SessionRow; user: SessionUser } | undefined> {
  return splitSessionAndUser(await selectSessionWithUser(db).where('sessions.token_hash', '=', tokenHash).where('sessions.revoked_at', 'is', null).executeTakeFirst());
}

/** Session `sessionId`, revoked or not, with its user, in one round trip (a bearer token's `sid`, a refresh). */
export async function findSessionWithUser(db: Store, sessionId: string): Promise<{ session: SessionRow; user: SessionUser } | undefined> {
  return splitSessionAndUser(await selectSessionWithUser(db).where('sessions.id', '=', sessionId).executeTakeFirst());
}

function selectSessionWithUser(db: Store) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select([
      'users.email as user_email',
      'users.confirmed_at as user_confirmed_at',
      'users.disabled_at as user_disabled_at',
      'users.created_at as user_created_at',
      'users.updated_at as user_updated_at',
    ]);
}

function splitSessionAndUser(row: Awaited<ReturnType<ReturnType<typeof selectSessionWithUser>['executeTakeFirst']>>) {
  if (!row) return undefined;
  const { user_email, user_confirmed_at, user_disabled_at, user_created_at, user_updated_at, ...session } = row;
  return {
    session,
    user: {
      id: session.user_id,
      email: user_email,
      confirmed_at: user_confirmed_at,
      disabled_at: user_disabled_at,
      created_at: user_created_at,
      updated_at: user_updated_at,
    },
  };
}

/** Records activity on a session, for the idle timeout. */
export async function touchSession(db: Store, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

/** Revokes one session. */
export async function revokeSession(db: Store, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session of a user, except `exceptSessionId` when given; returns the ids it ended. */
export async function revokeUserSessions(db: Store, userId: string, at: string, exceptSessionId?: string): Promise<string[]> {
  let query = db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}

/** The session proved a second factor at `at` (step-up): it is MFA-authenticated from then. */
export async function markSessionAuthenticated(db: Store, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ mfa: 1, authenticated_at: at }).where('id', '=', sessionId).execute();
}

/**
 * True when `userId` has had a session opened from the client `sourceKey` (its `addressKey`)
 * stands for: a place it signed in from before. One indexed lookup, at the same cost for every
 * account; a session from before its key was kept is matched by its exact address.
 */
export async function hasSignedInFrom(db: Store, userId: string, sourceKey: string, sourceIp: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('source_key', '=', sourceKey), eb.and([eb('source_key', 'is', null), eb('source_ip', '=', sourceIp)])]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The user's sessions not revoked and not past their absolute expiry at `now`, newest first. */
export async function listUnexpiredUserSessions(db: Store, userId: string, now: string): Promise<SessionRow[]> {
  return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).where('expires_at', '>', now).orderBy('created_at', 'desc').execute();
}

/** Revokes session `sessionId` only if `userId` owns it and it is live; true when it did. */
export async function revokeUserSession(db: Store, userId: string, sessionId: string, at: string): Promise<boolean> {
  const rows = await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', sessionId).where('user_id', '=', userId).where('revoked_at', 'is', null).returning('id').execute();
  return rows.length > 0;
}
