import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { enrolledAdmin, signInWithTotp } from './consoleSignIn.js';

// Renders GET /admin/advisor (the advisor helper's endpoint): passes once the advisor is merged.
describeInBrowser('the advisor report in the console, in a real browser', () => {
  const run = useBrowserServer();

  it('shows the summary and a row for each check, with severity, status, title, finding and fix', async () => {
    const { device } = await enrolledAdmin(run.server, 'ada@console.test', ['admins']);
    const { page } = run.browser;
    await signInWithTotp(page, run.server, 'ada@console.test', device, '/console/advisor');
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
    await run.browser.screenshot('console-advisor');
    // The report is the one of the last five minutes; the link runs the checks again.
    await page.getByRole('link', { name: 'Check again' }).click();
    await page.waitForURL(/\/console\/advisor\?fresh=1$/);
    await page.getByRole('table', { name: 'Checks' }).waitFor();
    await page.getByText(/^Checked at \d{4}-\d\d-\d\dT/).waitFor();
  }, 60_000);
});
