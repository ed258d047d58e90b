import type { Store } from '../openDatabase.js';
import type { CodeRow } from '../schema.js';

// A user may ask again while an earlier message is on its way; the few newest codes stay valid.
const pendingKept = 3;

/** Stores a new code, and drops all but the newest pending codes of that user and purpose. */
export async function saveCode(db: Store, code: CodeRow): Promise<void> {
  await db.insertInto('codes').values(code).execute();
  const keep = db
    .selectFrom('codes')
    .select('id')
    .where('user_id', '=', code.user_id)
    .where('purpose', '=', code.purpose)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(pendingKept);
  await db.deleteFrom('codes').where('user_id', '=', code.user_id).where('purpose', '=', code.purpose).where('id', 'not in', keep).execute();
}

/** The unconsumed, unexpired codes of that purpose for the user, newest first. */
export function findPendingCodes(db: Store, userId: string, purpose: string, now: string): Promise<CodeRow[]> {
  return db
    .selectFrom('codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
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

/** Drops every code of that purpose for the user (after one was used, the others are void). */
export async function deleteCodes(db: Store, userId: string, purpose: string): Promise<void> {
  await db.deleteFrom('codes').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
}

/**
 * Claims one try at the codes of (user, purpose) in a single statement: at most
 * `maxAttempts` per window; a window that has ended starts a new one. Atomic, so parallel
 * guesses cannot exceed the limit.
 */
export async function claimCodeAttempt(db: Store, input: { userId: string; purpose: string; maxAttempts: number; now: string; windowEndsAt: string }): Promise<boolean> {
  await db
    .insertInto('code_attempts')
    .values({ user_id: input.userId, purpose: input.purpose, attempts: 0, window_ends_at: input.windowEndsAt })
    .onConflict((oc) => oc.columns(['user_id', 'purpose']).doNothing())
    .execute();
  const result = await db
    .updateTable('code_attempts')
    .set((eb) => ({
      attempts: eb.case().when('window_ends_at', '<=', input.now).then(1).else(eb('attempts', '+', 1)).end(),
      window_ends_at: eb.case().when('window_ends_at', '<=', input.now).then(input.windowEndsAt).else(eb.ref('window_ends_at')).end(),
    }))
    .where('user_id', '=', input.userId)
    .where('purpose', '=', input.purpose)
    .where((eb) => eb.or([eb('attempts', '<', input.maxAttempts), eb('window_ends_at', '<=', input.now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
