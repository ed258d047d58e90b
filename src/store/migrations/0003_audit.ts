import type { Kysely } from 'kysely';

/**
 * The audit trail's signed digests and signing keys, and what `GET /audit/events` filters on:
 * the error code as a column, and indexes that walk each filter newest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('error_code', 'varchar(64)').execute();
  // 0001 indexes principal_id + sequence and event_time already.
  await db.schema.createIndex('audit_events_name_idx').on('audit_events').columns(['event_name', 'sequence']).execute();
  // Partial: most events succeed, and an index they would all enter costs every request a page write.
  await db.schema.createIndex('audit_events_error_idx').on('audit_events').columns(['error_code', 'sequence']).where('error_code', 'is not', null).execute();

  // The Ed25519 keys that sign digests: a key of their own, never shared with tokens or TLS.
  await db.schema
    .createTable('audit_keys')
    .addColumn('fingerprint', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    // Sealed by the keyring; null once the key is retired and only verifies.
    .addColumn('private_key', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('retired_at', 'varchar(32)')
    .execute();

  // One digest per range of events; `to_sequence` orders them and refuses two for one head.
  await db.schema
    .createTable('audit_digests')
    .addColumn('to_sequence', 'integer', (c) => c.primaryKey())
    .addColumn('from_sequence', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('key_fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_digests').execute();
  await db.schema.dropTable('audit_keys').execute();
  await db.schema.dropIndex('audit_events_error_idx').execute();
  await db.schema.dropIndex('audit_events_name_idx').execute();
  await db.schema.alterTable('audit_events').dropColumn('error_code').execute();
}
