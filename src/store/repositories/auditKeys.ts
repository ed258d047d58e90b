import type { Store } from '../openDatabase.js';
import type { AuditKeyRow } from '../schema.js';

/** The key that signs new digests: the oldest one not retired, if any. */
export function findActiveAuditKey(db: Store): Promise<AuditKeyRow | undefined> {
  return db
    .selectFrom('audit_keys')
    .selectAll()
    .where('retired_at', 'is', null)
    .where('private_key', 'is not', null)
    .orderBy('created_at')
    .orderBy('fingerprint')
    .limit(1)
    .executeTakeFirst();
}

/** Every audit key's public part, oldest first: all of them still verify old digests. */
export function listAuditPublicKeys(db: Store): Promise<Array<Pick<AuditKeyRow, 'fingerprint' | 'public_key' | 'created_at' | 'retired_at'>>> {
  return db.selectFrom('audit_keys').select(['fingerprint', 'public_key', 'created_at', 'retired_at']).orderBy('created_at').orderBy('fingerprint').execute();
}

/** Stores a new key. */
export async function insertAuditKey(db: Store, row: AuditKeyRow): Promise<void> {
  await db.insertInto('audit_keys').values(row).execute();
}
