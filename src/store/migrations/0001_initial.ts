import type { Kysely } from 'kysely';

/** Users, groups, sessions, one-time codes, the two apps and the audit trail. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('confirmed_at', 'varchar(32)')
    .addColumn('disabled_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('groups')
    .values([
      { name: 'teachers', description: 'Insert and update grades; read any grade.' },
      { name: 'students', description: 'Read their own grades.' },
      { name: 'admins', description: 'Administer users, groups and policies.' },
      { name: 'auditors', description: 'Read the audit trail.' },
    ])
    .execute();

  await db.schema
    .createTable('user_groups')
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_name', 'varchar(64)', (c) => c.notNull().references('groups.name').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_groups_pk', ['user_id', 'group_name'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('mfa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .addColumn('source_ip', 'varchar(64)')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('codes')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    // The password a sign-up chose: it takes effect only when this code confirms the address.
    .addColumn('password_hash', 'text')
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('consumed_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('codes_user_purpose_idx').on('codes').columns(['user_id', 'purpose']).execute();

  // Tries are counted per (user, purpose), not per code, so asking for a new code gives no
  // new tries: a short window against bursts and a day-long one against slow guessing.
  await db.schema
    .createTable('code_attempts')
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('short_attempts', 'integer', (c) => c.notNull())
    .addColumn('short_window_ends_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('day_attempts', 'integer', (c) => c.notNull())
    .addColumn('day_window_ends_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('code_attempts_pk', ['user_id', 'purpose'])
    .execute();

  await db.schema
    .createTable('grades')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course', 'varchar(200)', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grades_student_idx').on('grades').column('student_id').execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('owner_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_owner_idx').on('orders').column('owner_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('sequence', 'bigint', (c) => c.primaryKey())
    .addColumn('event_id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('event_time', 'varchar(32)', (c) => c.notNull())
    .addColumn('event_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('principal_id', 'varchar(64)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('previous_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_time_idx').on('audit_events').column('event_time').execute();
  await db.schema.createIndex('audit_events_principal_idx').on('audit_events').columns(['principal_id', 'sequence']).execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_events', 'orders', 'grades', 'code_attempts', 'codes', 'sessions', 'user_groups', 'groups', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
