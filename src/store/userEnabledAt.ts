import { sql, type RawBuilder } from 'kysely';

/**
 * The SQL twin of `isDisabled`: true for a user row not disabled at `now` (no `disabled_at`,
 * or one still to come). Timestamps are `isoAt` text of one width, so comparing them as text
 * orders them as times, the same on SQLite and PostgreSQL.
 */
export function userEnabledAt(column: 'disabled_at' | 'users.disabled_at', now: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} > ${now})`;
}
