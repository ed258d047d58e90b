import type { Kysely } from 'kysely';

/**
 * The shield's key of the address a session was opened from (`addressKey`: an IPv6 client's
 * prefix), so that "has this account signed in from here before" is one indexed lookup, at the
 * same cost for every account. Sessions from before stay null and are matched by `source_ip`
 * until they expire.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('source_key', 'varchar(64)').execute();
  await db.schema.createIndex('sessions_user_source_key_idx').on('sessions').columns(['user_id', 'source_key']).execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_user_source_key_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('source_key').execute();
}
