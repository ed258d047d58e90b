import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { signInAt } from './appsSignIn.js';

const password = 'correct horse battery staple';

describeInBrowser('orders in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let orderPath: string;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser(server.server.certificate);
    await server.addUser('cora@shop.test', password);
    await server.addUser('dan@shop.test', password);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a customer create an order and check it out', async () => {
    const { page } = browser;
    await signInAt(page, server.url, 'cora@shop.test', password, '/orders');
    // The API's refusal of a line (items.0.qty) is shown beside Quantity.
    await page.getByLabel('SKU').fill('BOOK-42');
    await page.getByLabel('Quantity').fill('0');
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Quantity').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('SKU').inputValue()).toBe('BOOK-42');
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.getByText('Order created.').waitFor();
    orderPath = new URL(page.url()).pathname;
    expect(orderPath).toMatch(/^\/orders\/[\w-]+$/);
    expect(await page.getByRole('row', { name: /BOOK-42/ }).getByRole('cell').last().textContent()).toBe('2');
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByText('Order checked out.').waitFor();
    await page.getByText('Checked out', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Check out' }).count()).toBe(0);
    await browser.screenshot('apps-orders-checkout');

    await page.getByRole('link', { name: 'All your orders' }).click();
    await page.getByRole('row', { name: /BOOK-42/ }).getByRole('link').waitFor();
  }, 30_000);

  it("answers another customer who edits the URL to the first's order with Not found (404), showing none of it", async () => {
    const { context, page } = await browser.newContext();
    try {
      await signInAt(page, server.url, 'dan@shop.test', password, '/orders');
      expect(await page.getByText('You have no orders yet.').count()).toBe(1);
      const response = await page.goto(`${server.url}${orderPath}`);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      const text = await page.getByRole('main').textContent();
      expect(text).not.toContain('BOOK-42');
      expect(text).not.toContain(orderPath.split('/')[2]!.slice(0, 8));
      expect(await page.getByRole('button', { name: 'Check out' }).count()).toBe(0);
      await browser.screenshot('apps-orders-not-found', page);
    } finally {
      await context.close();
    }
  }, 30_000);

  it('sends a visitor without a session to sign in first', async () => {
    const { context, page } = await browser.newContext();
    try {
      await page.goto(`${server.url}${orderPath}`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe(orderPath);
    } finally {
      await context.close();
    }
  });
});
