import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { formText, readForm } from '../../form/readForm.js';
import { renderPage } from '../../layout/renderPage.js';
import { viewerOf, type Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { answerRefusal, notFoundPage, toSignIn } from './answerRefusal.js';
import { OrderPage, OrdersPage } from './OrdersPage.js';

const anId = /^[A-Za-z0-9_-]{1,64}$/;
const orderForm = z.object({ csrf: formText(128), sku: formText(64), qty: formText(8) });
const checkoutForm = z.object({ csrf: formText(128) });
const noSuchOrder = 'There is no such order.';

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = { created: 'Order created.', 'checked-out': 'Order checked out.' };

/** `/orders`: create an order, list one's own, open one, check it out; another's order is "not found". */
export function orderPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  async function ordersPage(c: Context<HttpEnv>, viewer: Viewer, refused?: { form: { sku: string; qty: string }; problems: Problems; status: number }) {
    const listed = await callApi(c, api, { method: 'GET', path: '/api/orders' });
    if (listed.status !== 200) return answerRefusal(c, runtime, listed, '/orders', noSuchOrder);
    return renderPage(c, <OrdersPage viewer={viewer} orders={listed.body.orders} form={refused?.form} problems={refused?.problems} />, refused?.status ?? 200);
  }

  app.get('/orders', async (c) => {
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/orders');
    return ordersPage(c, viewer);
  });

  app.post('/orders', async (c) => {
    const form = await readForm(c, orderForm);
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/orders');
    const values = { sku: form.sku, qty: form.qty };
    const qty = /^\d{1,5}$/.test(form.qty.trim()) ? Number(form.qty.trim()) : undefined;
    if (qty === undefined) return ordersPage(c, viewer, { form: values, problems: { fields: { qty: 'Enter a whole number' } }, status: 400 });
    const answer = await callApi(c, api, { method: 'POST', path: '/api/orders', json: { items: [{ sku: form.sku, qty }] }, csrfToken: form.csrf });
    if (answer.status === 201) return c.redirect(`/orders/${encodeURIComponent(answer.body.id)}?notice=created`, 303);
    if (answer.status === 401) return answerRefusal(c, runtime, answer, '/orders', noSuchOrder);
    // The API names fields as items.0.sku: the form has one line, so they sit beside SKU and Quantity.
    const problems = problemsOf({ ...answer, body: lineFields(answer.body) }, ['sku', 'qty']);
    return ordersPage(c, viewer, { form: values, problems, status: refusalStatus(c, answer) });
  });

  app.get('/orders/:id', async (c) => {
    const id = c.req.param('id');
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, `/orders/${encodeURIComponent(id)}`);
    // Only an id goes into the API's path: `..` or `/` would reach another route.
    if (!anId.test(id)) return notFoundPage(c, runtime, noSuchOrder);
    const answer = await callApi(c, api, { method: 'GET', path: `/api/orders/${id}` });
    // Another customer's order answers 404 like a missing one: the page shows nothing of it either.
    if (answer.status !== 200) return answerRefusal(c, runtime, answer, `/orders/${id}`, noSuchOrder);
    return renderPage(c, <OrderPage viewer={viewer} order={answer.body} notice={notices[c.req.query('notice') ?? '']} />);
  });

  app.post('/orders/:id/checkout', async (c) => {
    const form = await readForm(c, checkoutForm);
    const id = c.req.param('id');
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/orders');
    if (!anId.test(id)) return notFoundPage(c, runtime, noSuchOrder);
    const answer = await callApi(c, api, { method: 'POST', path: `/api/orders/${id}/checkout`, csrfToken: form.csrf });
    if (answer.status === 200) return c.redirect(`/orders/${id}?notice=checked-out`, 303);
    if (answer.status === 409) {
      const current = await callApi(c, api, { method: 'GET', path: `/api/orders/${id}` });
      if (current.status === 200) return renderPage(c, <OrderPage viewer={viewer} order={current.body} problem={answer.body?.error?.message} />, 409);
    }
    return answerRefusal(c, runtime, answer, `/orders/${id}`, noSuchOrder);
  });

  return app;
}

/** The API's error with `items.0.sku` and `items.0.qty` read as the form's `sku` and `qty`. */
function lineFields(body: any): any {
  const issues = body?.error?.details?.issues as Array<{ field?: string; message?: string }> | undefined;
  if (!issues) return body;
  const renamed = issues.map((issue) => ({ ...issue, field: issue.field?.replace(/^items\.0\./, '') }));
  return { ...body, error: { ...body.error, details: { ...body.error.details, issues: renamed } } };
}
