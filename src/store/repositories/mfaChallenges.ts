import type { Store } from '../openDatabase.js';
import type { MfaChallengeRow } from '../schema.js';

/** Inserts a pending second step. */
export async function insertChallenge(db: Store, row: MfaChallengeRow): Promise<void> {
  await db.insertInto('mfa_challenges').values(row).execute();
}

/** The live (unconsumed, unexpired) pending step of `purpose` whose token hashes to `tokenHash`. */
export function findLiveChallenge(db: Store, tokenHash: string, purpose: string, now: string): Promise<MfaChallengeRow | undefined> {
  return db
    .selectFrom('mfa_challenges')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Claims one try in a single statement: false once `max` tries were made (parallel guesses cannot exceed it). */
export async function claimChallengeTry(db: Store, id: string, max: number): Promise<boolean> {
  const result = await db
    .updateTable('mfa_challenges')
    .set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('id', '=', id)
    .where('tries', '<', max)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stores what a method asked the user to answer (e.g. a WebAuthn challenge). */
export async function setChallengeValue(db: Store, id: string, challenge: string | null): Promise<void> {
  await db.updateTable('mfa_challenges').set({ challenge }).where('id', '=', id).execute();
}

/** Consumes a pending step once: true only for the caller that flipped it. */
export async function consumeChallenge(db: Store, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('mfa_challenges').set({ consumed_at: at }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Drops the user's pending steps that have ended (kept small on every new sign-in). */
export async function deleteEndedChallenges(db: Store, userId: string, now: string): Promise<void> {
  await db
    .deleteFrom('mfa_challenges')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('consumed_at', 'is not', null)]))
    .execute();
}

/** The newest live step-up challenge of a session. */
export function findStepUpChallenge(db: Store, sessionId: string, now: string): Promise<MfaChallengeRow | undefined> {
  return db
    .selectFrom('mfa_challenges')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('purpose', '=', 'step-up')
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

/** Takes the stored challenge once: the value, and it is cleared; undefined when none is left. */
export async function takeChallengeValue(db: Store, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('mfa_challenges').select('challenge').where('id', '=', id).executeTakeFirst();
  if (!row?.challenge) return undefined;
  const result = await db.updateTable('mfa_challenges').set({ challenge: null }).where('id', '=', id).where('challenge', '=', row.challenge).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? row.challenge : undefined;
}

/** Drops a session's step-up challenges (a new one replaces them). */
export async function deleteStepUpChallenges(db: Store, sessionId: string): Promise<void> {
  await db.deleteFrom('mfa_challenges').where('session_id', '=', sessionId).where('purpose', '=', 'step-up').execute();
}

/**
 * Ends the user's pending sign-in steps and setup tokens (consumed now): a first factor
 * enrolled, or a new password, leaves no other door open that an earlier sign-in got.
 */
export async function consumeUserChallenges(db: Store, userId: string, at: string): Promise<void> {
  await db
    .updateTable('mfa_challenges')
    .set({ consumed_at: at })
    .where('user_id', '=', userId)
    .where('purpose', 'in', ['sign-in', 'setup'])
    .where('consumed_at', 'is', null)
    .execute();
}
