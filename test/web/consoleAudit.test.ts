import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { enrolledAdmin, password, signInWithTotp } from './consoleSignIn.js';

describeInBrowser('the audit viewer in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let samId: string;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser(server.server.certificate);
    samId = (await server.addUser('sam@shop.test', password)).id;
    await server.addUser('kim@shop.test', password);
    const [sam, kim] = [server.client(), server.client()];
    await sam.signIn('sam@shop.test', password);
    await kim.signIn('kim@shop.test', password);
    for (let i = 0; i < 2; i++) await sam.post('/api/orders', { items: [{ sku: `book-${i}`, qty: 1 }] });
    await kim.post('/api/orders', { items: [{ sku: 'pen', qty: 3 }] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets an admin who audits filter by event name and principal, and shows that the chain holds', async () => {
    const { device } = await enrolledAdmin(server, 'ada@console.test', ['admins', 'auditors']);
    const { page } = browser;
    await signInWithTotp(page, server, 'ada@console.test', device, '/console/audit');
    // The verifier reads the whole trail, so it runs when asked.
    expect(await page.getByText(/^Chain verified/).count()).toBe(0);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(/^Chain verified: \d+ events/).waitFor();

    await page.getByLabel('Event name').fill('CreateOrder');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/eventName=CreateOrder/);
    const table = page.getByRole('table', { name: 'Events, newest first' });
    const rows = table.getByRole('row');
    // A header row, then the three orders.
    expect(await rows.count()).toBe(4);
    for (const row of (await rows.all()).slice(1)) expect(await row.textContent()).toContain('CreateOrder');

    await page.getByLabel('Principal').fill(samId);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/principalId=/);
    expect(await rows.count()).toBe(3);
    for (const row of (await rows.all()).slice(1)) {
      const text = await row.textContent();
      expect(text).toContain('CreateOrder');
      expect(text).toContain(samId);
    }
    expect(await page.getByLabel('Event name').inputValue()).toBe('CreateOrder');
    // Verifying keeps the filters.
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.waitForURL(/verify=1/);
    await page.getByText(/^Chain verified: \d+ events/).waitFor();
    expect(await rows.count()).toBe(3);
    await browser.screenshot('console-audit-filtered');
  }, 60_000);

  it('shows a bad filter beside its field', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/console/audit`);
    await page.getByLabel('From').fill('yesterday');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/from=yesterday/);
    expect(await page.getByLabel('From').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
    await browser.screenshot('console-audit-bad-filter');
  });

  it('shows an admin who is not an auditor the API\'s refusal', async () => {
    const { device } = await enrolledAdmin(server, 'abe@console.test', ['admins']);
    const { page, context } = await browser.newContext();
    await signInWithTotp(page, server, 'abe@console.test', device, '/console/audit');
    await page.getByRole('alert').filter({ hasText: 'Only auditors read the audit trail' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await browser.screenshot('console-audit-refused', page);
    await context.close();
  }, 60_000);
});
