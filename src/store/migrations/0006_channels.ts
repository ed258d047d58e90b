import type { Kysely } from 'kysely';

/** Private channels between two users, and their messages in order. */
export async function up(db: Kysely<any>): Promise<void> {
  // A pair is stored in sorted order, so that the pair's one channel is one unique row.
  await db.schema
    .createTable('channels')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('member_low', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('member_high', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The sequence of the newest message: bumping it serialises posts to one channel.
    .addColumn('last_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('channels_pair_unique', ['member_low', 'member_high'])
    .execute();
  await db.schema.createIndex('channels_member_high_idx').on('channels').column('member_high').execute();

  await db.schema
    .createTable('channel_messages')
    // The row id the text's seal is bound to (the keyring's `rowId`).
    .addColumn('id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('channel_id', 'varchar(64)', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('sender_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Sealed by the keyring: private messages are personal data.
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_messages_pk', ['channel_id', 'sequence'])
    .execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_messages').execute();
  await db.schema.dropTable('channels').execute();
}
