import type { Kysely } from 'kysely';

/**
 * Security advisor: the instances serving from this store (a heartbeat each, with the store of
 * their rate limits) and every verification of the audit trail with its outcome.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instances')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    // `memory` or `redis`: limits kept in memory do not add up across instances.
    .addColumn('limiter_store', 'varchar(16)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instances_seen_idx').on('instances').column('last_seen_at').execute();

  await db.schema
    .createTable('audit_verifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('ran_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('events_checked', 'integer', (c) => c.notNull())
    // `<sequence> <reason>: <detail>` of the first break, null when the trail held.
    .addColumn('first_break', 'varchar(500)')
    .execute();
  await db.schema.createIndex('audit_verifications_ran_idx').on('audit_verifications').column('ran_at').execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_verifications', 'instances']) await db.schema.dropTable(table).execute();
}
