import type { Store } from '../openDatabase.js';
import type { SigningKeyRow } from '../schema.js';

/** Inserts a signing key, and retires every other key still signing, in the caller's transaction. */
export async function insertSigningKey(db: Store, key: SigningKeyRow): Promise<void> {
  await db.updateTable('signing_keys').set({ retired_at: key.created_at }).where('retired_at', 'is', null).execute();
  await db.insertInto('signing_keys').values(key).execute();
}

/** Keys still published: the one signing and those retired after `retiredSince`, newest first. */
export async function listPublishedKeys(db: Store, retiredSince: string): Promise<SigningKeyRow[]> {
  return db
    .selectFrom('signing_keys')
    .selectAll()
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredSince)]))
    .orderBy('created_at', 'desc')
    .execute();
}

/** The kid of the key signing now, if any (a cheap check that another process has not rotated). */
export async function currentKid(db: Store): Promise<string | undefined> {
  const row = await db.selectFrom('signing_keys').select('kid').where('retired_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
  return row?.kid;
}
