import { sql } from 'kysely';
import { isPostgres, type Store } from '../openDatabase.js';

// Any fixed 64-bit key: it names "the audit chain's head" to every instance on the database.
const auditChainLockKey = 7_134_503_117_001;

/**
 * Holds the audit chain's head until the caller's transaction ends, so that appends from
 * every instance queue up in the database. PostgreSQL: a transaction-scoped advisory lock
 * (under READ COMMITTED the next statement then sees the last committed event). SQLite:
 * nothing to do, BEGIN IMMEDIATE already made the transaction the only writer.
 */
export async function lockAuditChain(trx: Store): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${sql.lit(auditChainLockKey)})`.execute(trx);
}
