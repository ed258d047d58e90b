import type { CedarEntity } from '../../authz/index.js';
import type { OrderRow } from '../../store/schema.js';
import { entityRef } from '../Authorize.js';

/** The Cedar entity of an order: policies read its `owner`. */
export function orderEntity(order: Pick<OrderRow, 'id' | 'owner_id' | 'status'>): CedarEntity {
  return { uid: { type: 'Order', id: order.id }, attrs: { owner: entityRef('User', order.owner_id), status: order.status }, parents: [] };
}

/** An order line: a stock-keeping unit and a quantity. */
export interface OrderItem {
  sku: string;
  qty: number;
}

/** What an order looks like to its owner. */
export function orderView(order: OrderRow) {
  return { id: order.id, ownerId: order.owner_id, status: order.status, items: JSON.parse(order.items) as OrderItem[], createdAt: order.created_at, updatedAt: order.updated_at };
}
