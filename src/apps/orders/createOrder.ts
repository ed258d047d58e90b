import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { insertOrder } from '../../store/repositories/orders.js';
import type { OrderRow } from '../../store/schema.js';
import type { Authorize } from '../Authorize.js';
import { orderView, type OrderItem } from './orderEntity.js';

/** A customer opens an order that they own. */
export async function createOrder(runtime: Pick<Runtime, 'clock'>, authorize: Authorize, input: { actorId: string; items: OrderItem[] }, transact: Transact) {
  if (!authorize('CreateOrder', { uid: { type: 'Store', id: 'default' }, attrs: {}, parents: [] })) {
    throw new GatehouseError('ACCESS_DENIED', 'You may not place orders');
  }
  const now = isoAt(runtime.clock());
  const order: OrderRow = { id: randomUUID(), owner_id: input.actorId, status: 'OPEN', items: JSON.stringify(input.items), created_at: now, updated_at: now };
  return transact(async (trx) => {
    await insertOrder(trx, order);
    return orderView(order);
  });
}
