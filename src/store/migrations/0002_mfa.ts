import type { Kysely } from 'kysely';

/**
 * Second factors: one `mfa_factors` table for every kind (`totp`, `hotp`, `sms`, and
 * `webauthn` rows from 0007), the pending second steps of sign-in (`mfaToken`, `setupToken`),
 * recovery codes, the time a session last proved its user, and the `root` group.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mfa_factors')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    // Sealed by the keyring (seed or phone number), bound to this row: see sealedColumns.ts.
    .addColumn('secret', 'text')
    // HOTP: the next counter expected; WebAuthn: the signature counter.
    .addColumn('counter', 'integer')
    // TOTP: the last time step accepted, so that no code is accepted twice (RFC 6238 §5.2).
    .addColumn('last_step', 'integer')
    // Null while enrolment waits for its first code.
    .addColumn('enabled_at', 'varchar(32)')
    .addColumn('last_used_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_factors_user_idx').on('mfa_factors').columns(['user_id', 'type']).execute();

  await db.schema
    .createTable('mfa_challenges')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // 'sign-in' (mfaToken), 'setup' (setupToken) or 'step-up' (a challenge for a session).
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
    .addColumn('session_id', 'varchar(64)', (c) => c.references('sessions.id').onDelete('cascade'))
    .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
    // What a method asked the user to answer (e.g. WebAuthn options' challenge).
    .addColumn('challenge', 'text')
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('consumed_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_challenges_user_idx').on('mfa_challenges').column('user_id').execute();

  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('used_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_recovery_codes_user_idx').on('mfa_recovery_codes').column('user_id').execute();

  // When the session last proved its user (sign-in or step-up); null means at created_at.
  await db.schema.alterTable('sessions').addColumn('authenticated_at', 'varchar(32)').execute();

  await db.insertInto('groups').values({ name: 'root', description: 'The one root account: administers, never uses the applications.' }).execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('groups').where('name', '=', 'root').execute();
  await db.schema.alterTable('sessions').dropColumn('authenticated_at').execute();
  for (const table of ['mfa_recovery_codes', 'mfa_challenges', 'mfa_factors']) await db.schema.dropTable(table).execute();
}
