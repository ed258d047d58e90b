import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { GatehouseError } from '../errors/GatehouseError.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** The store handle every repository takes: the database or a transaction on it. */
export type Store = Kysely<Database>;

/**
 * Opens the database named by `url` (`sqlite:<file>`), in WAL mode with foreign keys on,
 * and brings it to the newest migration.
 */
export async function openDatabase(url: string): Promise<Store> {
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers go on while one writer commits; NORMAL sync is durable across a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  return db;
}

/** Applies every migration not applied yet; throws INTERNAL_ERROR naming the one that failed. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new GatehouseError('INTERNAL_ERROR', `migration ${failed} failed`, { cause: error });
  }
}
