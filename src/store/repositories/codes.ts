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

/** A limit on tries: at most `max` in a window of `ms`, the window starting at the first try. */
export interface AttemptWindow {
  max: number;
  endsAt: string;
}

/**
 * Claims one try at the codes of (user, purpose) in a single statement, within both
 * windows; a window that has ended starts anew at this try. Atomic, so parallel guesses
 * cannot exceed either limit.
 */
export async function claimCodeAttempt(db: Store, input: { userId: string; purpose: string; now: string; short: AttemptWindow; day: AttemptWindow }): Promise<boolean> {
  const { now, short, day } = input;
  await db
    .insertInto('code_attempts')
    .values({ user_id: input.userId, purpose: input.purpose, short_attempts: 0, short_window_ends_at: short.endsAt, day_attempts: 0, day_window_ends_at: day.endsAt })
    .onConflict((oc) => oc.columns(['user_id', 'purpose']).doNothing())
    .execute();
  const result = await db
    .updateTable('code_attempts')
    .set((eb) => ({
      short_attempts: eb.case().when('short_window_ends_at', '<=', now).then(1).else(eb('short_attempts', '+', 1)).end(),
      short_window_ends_at: eb.case().when('short_window_ends_at', '<=', now).then(short.endsAt).else(eb.ref('short_window_ends_at')).end(),
      day_attempts: eb.case().when('day_window_ends_at', '<=', now).then(1).else(eb('day_attempts', '+', 1)).end(),
      day_window_ends_at: eb.case().when('day_window_ends_at', '<=', now).then(day.endsAt).else(eb.ref('day_window_ends_at')).end(),
    }))
    .where('user_id', '=', input.userId)
    .where('purpose', '=', input.purpose)
    .where((eb) =>
      eb.and([
        eb.or([eb('short_attempts', '<', short.max), eb('short_window_ends_at', '<=', now)]),
        eb.or([eb('day_attempts', '<', day.max), eb('day_window_ends_at', '<=', now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets the tries of (user, purpose): a code that worked ends the guessing it guarded against. */
export async function clearCodeAttempts(db: Store, userId: string, purpose: string): Promise<void> {
  await db.deleteFrom('code_attempts').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
}

/** Withdraws the password bound to every pending sign-up code of the user (a contested address). */
export async function unbindPendingPasswords(db: Store, userId: string): Promise<void> {
  await db.updateTable('codes').set({ password_hash: null }).where('user_id', '=', userId).where('purpose', '=', 'confirm').execute();
}

/** True when the user has a sign-up code that is still pending. */
export async function hasPendingCode(db: Store, userId: string, purpose: string, now: string): Promise<boolean> {
  return (await findPendingCodes(db, userId, purpose, now)).length > 0;
}
