import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { enrolledAdmin, signInWithTotp } from './consoleSignIn.js';

// Renders GET /admin/advisor (the advisor helper's endpoint): passes once the advisor is merged.
describeInBrowser('the advisor report in the console, in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser(server.server.certificate);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the summary and a row for each check, with severity, status, title, finding and fix', async () => {
    const { device } = await enrolledAdmin(server, 'ada@console.test', ['admins']);
    const { page } = browser;
    await signInWithTotp(page, server, 'ada@console.test', device, '/console/advisor');
    expect(await page.getByText('The advisor is not available').count()).toBe(0);
    const table = page.getByRole('table', { name: 'Checks' });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Severity', 'Status', 'Title', 'Finding', 'Fix']);
    const rows = (await table.getByRole('row').all()).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells[0]).toMatch(/^(critical|high|medium|low)$/);
      expect(cells[1]).toMatch(/^(fail|pass|unknown)$/);
      expect(cells[2]).toMatch(/\w/);
    }
    for (const label of ['Critical', 'High', 'Medium', 'Low', 'Passed', 'Unknown']) await page.getByText(label, { exact: true }).first().waitFor();
    await browser.screenshot('console-advisor');
  }, 60_000);
});
