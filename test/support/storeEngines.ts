import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Store } from '../../src/store/openDatabase.js';
import { freshPostgresSchema, skipPostgres } from './postgres.js';
import { tempDataDir } from './testServer.js';

/** A database engine the shared store suite runs against: each `open()` is one more handle on the same database. */
export interface StoreEngine {
  name: 'sqlite' | 'postgres';
  skip: boolean;
  /** Creates the empty database (a temp file, a fresh schema); returns its URL. */
  create(): Promise<string>;
  /** Removes what `create` made. */
  remove(): Promise<void>;
}

function sqliteEngine(): StoreEngine {
  let dir: string | undefined;
  return {
    name: 'sqlite',
    skip: false,
    async create() {
      dir = tempDataDir();
      return `sqlite:${path.join(dir, 'store.db')}`;
    },
    async remove() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresEngine(): StoreEngine {
  let drop: (() => Promise<void>) | undefined;
  return {
    name: 'postgres',
    skip: skipPostgres,
    async create() {
      const schema = await freshPostgresSchema();
      drop = schema.drop;
      return schema.url;
    },
    async remove() {
      await drop?.();
    },
  };
}

/** SQLite and PostgreSQL, for `describe.each`. */
export function storeEngines(): StoreEngine[] {
  return [sqliteEngine(), postgresEngine()];
}

/** Opens a handle (a small pool on PostgreSQL, as one instance would). */
export function openStore(url: string): Promise<Store> {
  return openDatabase(url, { max: 4, statementTimeoutMs: 10_000 });
}
