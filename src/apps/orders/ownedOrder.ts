import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { findOrder } from '../../store/repositories/orders.js';
import type { OrderRow } from '../../store/schema.js';
import type { Authorize } from '../Authorize.js';
import { orderEntity } from './orderEntity.js';

/**
 * Loads an order and asks whether the caller may do `action` on it ("look up the owner,
 * compare with the caller"). A refusal answers 404 like a missing order, so that order
 * ids of other customers cannot be probed.
 */
export async function ownedOrder(runtime: Pick<Runtime, 'db'>, authorize: Authorize, action: 'ReadOrder' | 'CheckoutOrder', orderId: string): Promise<OrderRow> {
  const order = await findOrder(runtime.db, orderId);
  if (!order || !authorize(action, orderEntity(order))) throw new GatehouseError('NOT_FOUND', 'No such order');
  return order;
}
