import type { Kysely } from 'kysely';

/** Signing keys, refresh-token families and machine clients with their secrets. */
export async function up(db: Kysely<any>): Promise<void> {
  // Ed25519 keys; the private JWK is sealed by the keyring. A retired key signs no more and
  // stays in the JWKS until every token it signed has expired (`retired_at` + token lifetime).
  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('retired_at', 'varchar(32)')
    .execute();

  // Opaque refresh tokens, stored as SHA-256; one family per grant, rotated on each use.
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('family_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('session_id', 'varchar(64)', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('refresh_tokens_family_idx').on('refresh_tokens').column('family_id').execute();
  await db.schema.createIndex('refresh_tokens_session_idx').on('refresh_tokens').column('session_id').execute();

  // Machine clients (IAM users); the Cedar principal is Client::"<name>".
  await db.schema
    .createTable('clients')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('disabled_at', 'varchar(32)')
    .execute();

  // Their secrets (access keys), stored as SHA-256: at most two active at a time, for rotation.
  await db.schema
    .createTable('client_secrets')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('client_id', 'varchar(64)', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('client_secrets_client_idx').on('client_secrets').column('client_id').execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['client_secrets', 'clients', 'refresh_tokens', 'signing_keys']) {
    await db.schema.dropTable(table).execute();
  }
}
