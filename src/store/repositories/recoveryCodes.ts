import { randomUUID } from 'node:crypto';
import type { Store } from '../openDatabase.js';

/** Replaces the user's recovery codes with a new set (regenerating revokes the old one). */
export async function replaceRecoveryCodes(db: Store, userId: string, codeHashes: string[], at: string): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('mfa_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ id: randomUUID(), user_id: userId, code_hash, used_at: null, created_at: at })))
    .execute();
}

/** How many unused recovery codes the user has. */
export async function countUnusedRecoveryCodes(db: Store, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as int8, which arrives as a string.
  return Number(row.n);
}

/** Uses the user's unused code with that hash once: true only for the caller that flipped it. */
export async function useRecoveryCode(db: Store, userId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Drops every recovery code of the user (their last factor is gone). */
export async function deleteRecoveryCodes(db: Store, userId: string): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
}

/** True when the user has an unused code with that hash. */
export async function hasUnusedRecoveryCode(db: Store, userId: string, codeHash: string): Promise<boolean> {
  const row = await db.selectFrom('mfa_recovery_codes').select('id').where('user_id', '=', userId).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}
