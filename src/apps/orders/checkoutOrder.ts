import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { transitionOrder } from '../../store/repositories/orders.js';
import type { Authorize } from '../Authorize.js';
import { orderView } from './orderEntity.js';
import { ownedOrder } from './ownedOrder.js';

/** The owner checks out an open order, once; a second checkout is a 409 CONFLICT. */
export async function checkoutOrder(runtime: Pick<Runtime, 'db' | 'clock'>, authorize: Authorize, orderId: string, transact: Transact) {
  const order = await ownedOrder(runtime, authorize, 'CheckoutOrder', orderId);
  const at = isoAt(runtime.clock());
  return transact(async (trx) => {
    // Conditional on OPEN, so two concurrent checkouts cannot both succeed.
    if (!(await transitionOrder(trx, order.id, 'OPEN', 'CHECKED_OUT', at))) {
      throw new GatehouseError('CONFLICT', 'The order is already checked out');
    }
    return orderView({ ...order, status: 'CHECKED_OUT', updated_at: at });
  });
}
