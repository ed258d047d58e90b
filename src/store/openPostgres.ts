import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Database } from './schema.js';

/** Pool limits of a PostgreSQL store. */
export interface PoolOptions {
  /** Most connections open at once (keep it small on Lambda: one instance serves one request). */
  max: number;
  /** The server cancels a statement that runs longer, so a stuck query cannot hold a connection. */
  statementTimeoutMs: number;
  /** Told about a connection that broke while idle in the pool (the pool drops it). */
  onIdleError?: (error: Error) => void;
}

const int8Oid = 20;

/**
 * PostgreSQL hands int8 (bigint columns, `count(*)`) over as strings; Gatehouse's int8 values
 * (audit sequences, counts) stay far below 2^53, so they become numbers, and one that does
 * not fit is refused rather than rounded.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid !== int8Oid) return pg.types.getTypeParser(oid, format as 'text');
    return (value: string) => {
      const number = Number(value);
      if (!Number.isSafeInteger(number)) throw new GatehouseError('INTERNAL_ERROR', 'an int8 value is beyond 2^53');
      return number;
    };
  },
};

/** Opens a pool on the PostgreSQL database at `url` (`postgres://…`, pg's connection string). */
export function openPostgres(url: string, options: PoolOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    statement_timeout: options.statementTimeoutMs,
    // A transaction left open by a crashed handler would hold its locks (the audit chain's) forever.
    idle_in_transaction_session_timeout: options.statementTimeoutMs * 3,
    connectionTimeoutMillis: options.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    types,
  });
  // Without a listener, a connection dropped by the server while idle would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
