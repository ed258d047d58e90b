import type { Store } from '../openDatabase.js';
import type { RefreshTokenRow } from '../schema.js';

/** Inserts a refresh token. */
export async function insertRefreshToken(db: Store, token: RefreshTokenRow): Promise<void> {
  await db.insertInto('refresh_tokens').values(token).execute();
}

/** The refresh token whose value hashes to `tokenHash`, used or not. */
export async function findRefreshToken(db: Store, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  return db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks a token used, once: true only for the caller that flipped it (a race of two uses is a reuse). */
export async function markRefreshTokenUsed(db: Store, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('refresh_tokens').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every token of a family. */
export async function revokeRefreshFamily(db: Store, familyId: string, at: string): Promise<void> {
  await db.updateTable('refresh_tokens').set({ revoked_at: at }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
}
