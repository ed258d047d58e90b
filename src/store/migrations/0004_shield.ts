import type { Kysely } from 'kysely';

/** Shield: counters shared by the instances on one database, blocks of abusive clients, pen-test windows. */
export async function up(db: Kysely<any>): Promise<void> {
  // rate-limiter-flexible's records for the limits that must survive a restart and must not be
  // evicted (failed sign-ins per account): points and when the window ends (null: never).
  await db.schema
    .createTable('shield_counters')
    .addColumn('key', 'varchar(400)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('shield_counters_expiry_idx').on('shield_counters').column('expires_at').execute();

  // One row per client address ever blocked; `strikes` makes each new block longer.
  await db.schema
    .createTable('shield_blocks')
    .addColumn('ip', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('strikes', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    .addColumn('blocked_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('blocked_until', 'varchar(32)', (c) => c.notNull())
    .addColumn('lifted_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('pentest_windows')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('opened_by', 'varchar(320)', (c) => c.notNull())
    .addColumn('opened_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['pentest_windows', 'shield_blocks', 'shield_counters']) await db.schema.dropTable(table).execute();
}
