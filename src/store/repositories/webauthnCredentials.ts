import type { Store } from '../openDatabase.js';
import type { WebauthnCredentialRow } from '../schema.js';

/** Stores a newly registered credential. */
export async function insertWebauthnCredential(db: Store, credential: WebauthnCredentialRow): Promise<void> {
  await db.insertInto('webauthn_credentials').values(credential).execute();
}

/** The credentials of a user, oldest first. */
export function listWebauthnCredentials(db: Store, userId: string): Promise<WebauthnCredentialRow[]> {
  return db.selectFrom('webauthn_credentials').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

/** A credential by the id the authenticator gave it. */
export function findWebauthnCredential(db: Store, credentialId: string): Promise<WebauthnCredentialRow | undefined> {
  return db.selectFrom('webauthn_credentials').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

/**
 * Moves the signature counter forward, only from the value the verification saw: true only
 * for the one caller that did, so two assertions racing with the same counter cannot both pass.
 */
export async function advanceWebauthnCounter(db: Store, id: string, from: number, to: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('webauthn_credentials')
    .set({ counter: to, last_used_at: at })
    .where('id', '=', id)
    .where('counter', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

