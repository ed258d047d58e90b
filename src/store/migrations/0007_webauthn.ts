import type { Kysely } from 'kysely';

/**
 * WebAuthn security keys and passkeys: their credentials, the single-use challenges of
 * registration and confirmation bound to their asker, and the signed confirmations of actions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webauthn_credentials')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The `webauthn` row of mfa_factors this key is: removing the factor removes the key.
    .addColumn('factor_id', 'varchar(64)', (c) => c.notNull().references('mfa_factors.id').onDelete('cascade'))
    .addColumn('credential_id', 'varchar(1400)', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    // WebAuthn §6.1: an unsigned 32-bit counter, past PostgreSQL's integer (read back with Number: int8 comes as text).
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('device_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('backed_up', 'integer', (c) => c.notNull())
    .addColumn('user_handle', 'text', (c) => c.notNull())
    .addColumn('label', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('webauthn_credentials_user_idx').on('webauthn_credentials').column('user_id').execute();

  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
    // `session:<id>` or `setup:<mfa_challenges id>`: only the asker may answer. (Sign-in and
    // step-up challenges wait in mfa_challenges, bound to the mfaToken or session there.)
    .addColumn('bound_to', 'varchar(100)', (c) => c.notNull())
    .addColumn('challenge', 'varchar(100)', (c) => c.notNull())
    // Registration: the sealed user handle the new credential gets. Confirmation: the canonical action.
    .addColumn('user_handle', 'text')
    .addColumn('action', 'text')
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('consumed_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webauthn_challenges_bound_idx').on('webauthn_challenges').columns(['bound_to', 'purpose']).execute();

  await db.schema
    .createTable('action_confirmations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('credential_id', 'varchar(1400)', (c) => c.notNull())
    // The key's COSE public key as it was when it signed: the signature stays checkable after
    // the key is removed from the account.
    .addColumn('public_key', 'text', (c) => c.notNull())
    // RFC 8785 canonical JSON of the action; its SHA-256 is the challenge the key signed.
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('action_sha256', 'varchar(64)', (c) => c.notNull())
    // The assertion as the browser sent it (AuthenticationResponseJSON): public, re-checkable.
    .addColumn('assertion', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_confirmations_user_idx').on('action_confirmations').column('user_id').execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['action_confirmations', 'webauthn_challenges', 'webauthn_credentials']) {
    await db.schema.dropTable(table).execute();
  }
}
