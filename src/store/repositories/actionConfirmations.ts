import type { Store } from '../openDatabase.js';
import type { ActionConfirmationRow } from '../schema.js';

/** Stores a signed confirmation. */
export async function insertActionConfirmation(db: Store, confirmation: ActionConfirmationRow): Promise<void> {
  await db.insertInto('action_confirmations').values(confirmation).execute();
}

/** A signed confirmation by id. */
export function findActionConfirmation(db: Store, id: string): Promise<ActionConfirmationRow | undefined> {
  return db.selectFrom('action_confirmations').selectAll().where('id', '=', id).executeTakeFirst();
}
