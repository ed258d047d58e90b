import { Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import { GatehouseError } from '../errors/GatehouseError.js';
import { migrations } from './migrations/index.js';
import { openPostgres, type PoolOptions } from './openPostgres.js';
import { openSqlite } from './openSqlite.js';
import type { Database } from './schema.js';

/** The store handle every repository takes: the database or a transaction on it. */
export type Store = Kysely<Database>;

const defaultPool: PoolOptions = { max: 10, statementTimeoutMs: 10_000 };

/**
 * Opens the database named by `url`, `sqlite:<file>` or `postgres://…` (with `pool`'s limits),
 * and brings it to the newest migration. One code path above this line serves both.
 */
export async function openDatabase(url: string, pool: PoolOptions = defaultPool): Promise<Store> {
  const db = url.startsWith('sqlite:') ? openSqlite(url.slice('sqlite:'.length)) : openPostgres(url, pool);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** True when `db` (or a transaction on it) talks to PostgreSQL. */
export function isPostgres(db: Store): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Applies every migration not applied yet; throws INTERNAL_ERROR naming the one that failed. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // Kysely's migrator locks its table, so instances starting together migrate once. On
  // PostgreSQL it must be told the schema: otherwise another schema's migration table (a
  // second deployment in the same database) would pass for this one's.
  const migrationTableSchema = isPostgres(db) ? await currentSchema(db) : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new GatehouseError('INTERNAL_ERROR', `migration ${failed} failed`, { cause: error });
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new GatehouseError('CONFIG_INVALID', 'GATEHOUSE_DATABASE_URL: the search path names no existing schema');
  return schema;
}
