import { Hono } from 'hono';
import { z } from 'zod';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { actorIdOf } from '../../http/actorIdOf.js';
import { authorizeCaller } from '../../http/authorizeCaller.js';
import type { HttpEnv } from '../../http/HttpEnv.js';
import { event } from '../../http/middleware/event.js';
import { readJson, readParams } from '../../http/readInput.js';
import { checkoutOrder } from './checkoutOrder.js';
import { createOrder } from './createOrder.js';
import { listOrders } from './listOrders.js';
import { orderView } from './orderEntity.js';
import { ownedOrder } from './ownedOrder.js';

// Built once: zod compiles a schema on first use, so per-request schemas cost every request.
const id = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id') });
const items = z
  .array(z.strictObject({ sku: z.string().trim().min(1).max(64), qty: z.number().int().min(1).max(10_000) }))
  .min(1)
  .max(100);
const newOrder = z.strictObject({ items });

/** The store app: a customer reads and checks out only the orders they own. Mounted after `requireCaller`. */
export function orderRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.post('/', event('CreateOrder', 201), async (c) => {
    const input = await readJson(c, newOrder);
    const order = await createOrder(runtime, authorizeCaller(c, runtime.authorizer), { actorId: actorIdOf(c), items: input.items }, c.var.transact);
    return c.json(order, 201);
  });

  app.get('/', event('ListOrders'), async (c) => {
    const caller = c.get('caller');
    // Orders belong to users (orders.customer-creates): a machine client owns none to list.
    if (!caller) throw new GatehouseError('ACCESS_DENIED', 'A machine client owns no orders');
    return c.json({ orders: await listOrders(runtime, authorizeCaller(c, runtime.authorizer), caller.user.id) });
  });

  app.get('/:id', event('GetOrder'), async (c) => {
    const { id: orderId } = readParams(c, id);
    return c.json(orderView(await ownedOrder(runtime, authorizeCaller(c, runtime.authorizer), 'ReadOrder', orderId)));
  });

  app.post('/:id/checkout', event('CheckoutOrder'), async (c) => {
    const { id: orderId } = readParams(c, id);
    return c.json(await checkoutOrder(runtime, authorizeCaller(c, runtime.authorizer), orderId, c.var.transact));
  });

  return app;
}
