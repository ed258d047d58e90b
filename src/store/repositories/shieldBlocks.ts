import type { Store } from '../openDatabase.js';
import type { ShieldBlockRow } from '../schema.js';

/** The block of `ip` in force at `now`, if any. */
export async function findActiveBlock(db: Store, ip: string, now: string): Promise<ShieldBlockRow | undefined> {
  return db
    .selectFrom('shield_blocks')
    .selectAll()
    .where('ip', '=', ip)
    .where('lifted_at', 'is', null)
    .where('blocked_until', '>', now)
    .executeTakeFirst();
}

/** The row of `ip`, blocked now or not (its strikes make the next block longer). */
export async function findBlockRow(db: Store, ip: string): Promise<ShieldBlockRow | undefined> {
  return db.selectFrom('shield_blocks').selectAll().where('ip', '=', ip).executeTakeFirst();
}

/** Inserts or replaces the row of `row.ip`. */
export async function saveBlock(db: Store, row: ShieldBlockRow): Promise<void> {
  await db
    .insertInto('shield_blocks')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('ip').doUpdateSet({ strikes: row.strikes, reason: row.reason, blocked_at: row.blocked_at, blocked_until: row.blocked_until, lifted_at: null }),
    )
    .execute();
}

/** Blocks in force at `now`, newest first. */
export async function listActiveBlocks(db: Store, now: string, limit = 500): Promise<ShieldBlockRow[]> {
  return db
    .selectFrom('shield_blocks')
    .selectAll()
    .where('lifted_at', 'is', null)
    .where('blocked_until', '>', now)
    .orderBy('blocked_at', 'desc')
    .limit(limit)
    .execute();
}

/** Lifts the blocks in force at `now` kept under any of `keys`; answers the keys it lifted. */
export async function liftBlocks(db: Store, keys: string[], now: string): Promise<string[]> {
  const rows = await db
    .updateTable('shield_blocks')
    .set({ lifted_at: now })
    .where('ip', 'in', keys)
    .where('lifted_at', 'is', null)
    .where('blocked_until', '>', now)
    .returning('ip')
    .execute();
  return rows.map((row) => row.ip);
}
