import type { Store } from '../openDatabase.js';
import type { WebauthnChallengeRow } from '../schema.js';

/** Stores a challenge, dropping the earlier ones of the same binding and purpose and the user's ended ones. */
export async function saveWebauthnChallenge(db: Store, challenge: WebauthnChallengeRow): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('bound_to', '=', challenge.bound_to).where('purpose', '=', challenge.purpose).execute();
  await db
    .deleteFrom('webauthn_challenges')
    .where('user_id', '=', challenge.user_id)
    .where((eb) => eb.or([eb('expires_at', '<=', challenge.created_at), eb('consumed_at', 'is not', null)]))
    .execute();
  await db.insertInto('webauthn_challenges').values(challenge).execute();
}

/** The live challenge of that binding and purpose, if any. */
export function findWebauthnChallenge(db: Store, boundTo: string, purpose: string, now: string): Promise<WebauthnChallengeRow | undefined> {
  return db
    .selectFrom('webauthn_challenges')
    .selectAll()
    .where('bound_to', '=', boundTo)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Consumes a challenge once: true only for the caller that flipped it. */
export async function consumeWebauthnChallenge(db: Store, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('webauthn_challenges')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
