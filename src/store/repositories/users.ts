import { sql } from 'kysely';
import type { Store } from '../openDatabase.js';
import type { UserRow } from '../schema.js';

/** Finds a user by e-mail, already normalised by the caller. */
export function findUserByEmail(db: Store, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Finds a user by id. */
export function findUserById(db: Store, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a user. */
export async function insertUser(db: Store, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

/** Inserts a user unless one with that e-mail exists (two sign-ups racing for one address). */
export async function insertUserIfAbsent(db: Store, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).onConflict((oc) => oc.column('email').doNothing()).execute();
}

/** Replaces a user's password hash. */
export async function updatePasswordHash(db: Store, userId: string, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: at }).where('id', '=', userId).execute();
}

/** Marks a user's e-mail as confirmed, keeping the first confirmation time. */
export async function markConfirmed(db: Store, userId: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ confirmed_at: at, updated_at: at })
    .where('id', '=', userId)
    .where('confirmed_at', 'is', null)
    .execute();
}

/**
 * Up to `limit` users ordered by e-mail, after `afterEmail` when given (keyset paging), whose
 * e-mail contains `query` when given (matched literally: `%` and `_` are not wildcards).
 */
export function listUsers(db: Store, limit: number, afterEmail?: string, query?: string): Promise<Array<Pick<UserRow, 'id' | 'email' | 'confirmed_at' | 'disabled_at' | 'created_at'>>> {
  let select = db.selectFrom('users').select(['id', 'email', 'confirmed_at', 'disabled_at', 'created_at']).orderBy('email').limit(limit);
  if (afterEmail !== undefined) select = select.where('email', '>', afterEmail);
  if (query !== undefined) {
    // E-mails are stored lower-case, so one pattern matches the same on SQLite and PostgreSQL.
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where(sql<boolean>`email like ${pattern} escape '\\'`);
  }
  return select.execute();
}

/** Marks a user disabled at `at`, or enabled again with null; false when there is no such user. */
export async function setUserDisabled(db: Store, userId: string, at: string | null, updatedAt: string): Promise<boolean> {
  const result = await db.updateTable('users').set({ disabled_at: at, updated_at: updatedAt }).where('id', '=', userId).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The e-mail addresses of the given users, by id. */
export async function emailsOfUsers(db: Store, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', userIds).execute();
  return new Map(rows.map((row) => [row.id, row.email]));
}
