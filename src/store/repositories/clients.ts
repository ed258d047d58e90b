import type { Store } from '../openDatabase.js';
import type { ClientRow, ClientSecretRow } from '../schema.js';

/** Inserts a machine client. */
export async function insertClient(db: Store, client: ClientRow): Promise<void> {
  await db.insertInto('clients').values(client).execute();
}

/** A client by its id. */
export async function findClientById(db: Store, id: string): Promise<ClientRow | undefined> {
  return db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A client by its name. */
export async function findClientByName(db: Store, name: string): Promise<ClientRow | undefined> {
  return db.selectFrom('clients').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Inserts a client secret. */
export async function insertClientSecret(db: Store, secret: ClientSecretRow): Promise<void> {
  await db.insertInto('client_secrets').values(secret).execute();
}

/** The secrets of a client not revoked, newest first. */
export async function listActiveClientSecrets(db: Store, clientId: string): Promise<ClientSecretRow[]> {
  return db.selectFrom('client_secrets').selectAll().where('client_id', '=', clientId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}

/** Revokes the given secrets. */
export async function revokeClientSecrets(db: Store, ids: string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('client_secrets').set({ revoked_at: at }).where('id', 'in', ids).execute();
}
