import type { Store } from '../openDatabase.js';
import type { OrderRow } from '../schema.js';

/** Inserts an order. */
export async function insertOrder(db: Store, order: OrderRow): Promise<void> {
  await db.insertInto('orders').values(order).execute();
}

/** Finds an order by id. */
export function findOrder(db: Store, id: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves an order from `from` to `to`; false when it was no longer in `from` (a concurrent checkout won). */
export async function transitionOrder(db: Store, id: string, from: string, to: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('orders')
    .set({ status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Up to `limit` orders of `ownerId`, newest first. */
export function listOrdersOfOwner(db: Store, ownerId: string, limit: number): Promise<OrderRow[]> {
  return db.selectFrom('orders').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}
