import type { Store } from '../openDatabase.js';
import type { CodeRow } from '../schema.js';

/** Replaces any pending code of that purpose for the user with `code`. */
export async function replaceCode(db: Store, code: CodeRow): Promise<void> {
  await db.deleteFrom('codes').where('user_id', '=', code.user_id).where('purpose', '=', code.purpose).execute();
  await db.insertInto('codes').values(code).execute();
}

/** The newest unconsumed code of that purpose for the user. */
export function findPendingCode(db: Store, userId: string, purpose: string): Promise<CodeRow | undefined> {
  return db
    .selectFrom('codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Consumes a code once: true only for the caller that flipped it. */
export async function consumeCode(db: Store, codeId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('codes')
    .set({ consumed_at: at })
    .where('id', '=', codeId)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Claims one try on a pending code in a single UPDATE: false once `maxAttempts` are used up. */
export async function claimCodeAttempt(db: Store, codeId: string, maxAttempts: number): Promise<boolean> {
  const result = await db
    .updateTable('codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', codeId)
    .where('attempts', '<', maxAttempts)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
