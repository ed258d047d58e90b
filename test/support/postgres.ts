import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the tests use; each test file works in a schema of its own, dropped after. */
export const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when PostgreSQL answers. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether to skip PostgreSQL tests: only when it is not running and this is not CI
 * (with `CI=true` a missing service is a failure, so the tests run and fail).
 */
export const skipPostgres = process.env.CI !== 'true' && !(await postgresReachable());

/** A fresh, empty schema: `url` puts it first on the search path; `drop()` removes it and all in it. */
export interface PostgresSchema {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates a schema of its own for one test file. */
export async function freshPostgresSchema(): Promise<PostgresSchema> {
  const name = `gh_test_${randomBytes(6).toString('hex')}`;
  await admin(`create schema ${name}`);
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return { url, name, drop: () => admin(`drop schema if exists ${name} cascade`) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
