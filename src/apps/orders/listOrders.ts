import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listOrdersOfOwner } from '../../store/repositories/orders.js';
import type { Authorize } from '../Authorize.js';
import { orderView } from './orderEntity.js';

// The newest orders only: a page of them is what a customer looks through.
const maxOrders = 100;

/** The caller's own orders, newest first; the resource is the owner, so nobody lists another's. */
export async function listOrders(runtime: Pick<Runtime, 'db'>, authorize: Authorize, ownerId: string) {
  if (!authorize('ListOrders', { uid: { type: 'User', id: ownerId }, attrs: {}, parents: [] })) {
    throw new GatehouseError('ACCESS_DENIED', 'Customers list only their own orders');
  }
  return (await listOrdersOfOwner(runtime.db, ownerId, maxOrders)).map(orderView);
}
