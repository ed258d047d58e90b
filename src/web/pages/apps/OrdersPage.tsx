import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';

/** An order as its owner sees it through the API. */
export interface OrderItemView {
  id: string;
  status: string;
  items: Array<{ sku: string; qty: number }>;
  createdAt: string;
  updatedAt: string;
}

const statusText: Record<string, string> = { OPEN: 'Open', CHECKED_OUT: 'Checked out' };

/** An order's status as people read it. */
export const orderStatus = (status: string) => statusText[status] ?? status;

const shortId = (id: string) => id.slice(0, 8);
const when = (at: string) => at.slice(0, 16).replace('T', ' ');

/** `/orders`: a new order (one line: SKU and quantity) and the viewer's own orders. */
export function OrdersPage(props: { viewer: Viewer; orders: OrderItemView[]; form?: { sku: string; qty: string }; problems?: Problems }) {
  return (
    <Page title="Orders" viewer={props.viewer}>
      <section aria-labelledby="new-order">
        <h2 id="new-order">New order</h2>
        <FormAlert message={props.problems?.form} />
        <form method="post" action="/orders" novalidate>
          <CsrfField token={props.viewer.csrfToken} />
          <Field name="sku" label="SKU" value={props.form?.sku} error={props.problems?.fields.sku} hint="The product's stock-keeping unit, e.g. BOOK-42." required />
          <Field name="qty" label="Quantity" inputmode="numeric" value={props.form?.qty ?? '1'} error={props.problems?.fields.qty} required />
          <button type="submit">Create order</button>
        </form>
      </section>
      <section aria-labelledby="your-orders">
        <h2 id="your-orders">Your orders</h2>
        {props.orders.length === 0 ? (
          <p>You have no orders yet.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Items</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {props.orders.map((order) => (
                  <tr>
                    <th scope="row">
                      <a href={`/orders/${order.id}`}>Order {shortId(order.id)}</a>
                    </th>
                    <td>{order.items.map((item) => `${item.qty} × ${item.sku}`).join(', ')}</td>
                    <td>{orderStatus(order.status)}</td>
                    <td>
                      <time datetime={order.createdAt}>{when(order.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}

/** `/orders/:id`: one order of the viewer's, and its checkout while it is open. */
export function OrderPage(props: { viewer: Viewer; order: OrderItemView; notice?: string; problem?: string }) {
  const { order } = props;
  return (
    <Page title={`Order ${shortId(order.id)}`} viewer={props.viewer}>
      <Notice message={props.notice} />
      <FormAlert message={props.problem} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>{orderStatus(order.status)}</dd>
        <dt>Created</dt>
        <dd>
          <time datetime={order.createdAt}>{when(order.createdAt)}</time>
        </dd>
        <dt>Order id</dt>
        <dd>
          <code>{order.id}</code>
        </dd>
      </dl>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Quantity</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr>
                <td>{item.sku}</td>
                <td>{String(item.qty)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {order.status === 'OPEN' ? (
        <form method="post" action={`/orders/${order.id}/checkout`}>
          <CsrfField token={props.viewer.csrfToken} />
          <button type="submit">Check out</button>
        </form>
      ) : null}
      <p>
        <a href="/orders">All your orders</a>
      </p>
    </Page>
  );
}
