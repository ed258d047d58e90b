import { afterAll, beforeAll, expect, it } from 'vitest';
import { blockClient } from '../../src/shield/blocks/blockClient.js';
import { setUserDisabled } from '../../src/store/repositories/users.js';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import type { TotpDevice } from '../support/otpDevice.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { enrolledAdmin, password, signInWithTotp } from './consoleSignIn.js';

describeInBrowser('the console\'s users and blocks in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let device: TotpDevice;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser(server.server.certificate);
    ({ device } = await enrolledAdmin(server, 'ada@console.test', ['admins']));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets an admin disable a user, whose session stops working at once', async () => {
    await server.addUser('dan@school.test', password, ['students']);
    const dan = server.client();
    await dan.signIn('dan@school.test', password);
    expect((await dan.get('/auth/session')).status).toBe(200);

    const { page } = browser;
    await signInWithTotp(page, server, 'ada@console.test', device, '/console/users');
    await page.getByLabel('Search').fill('dan@');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'dan@school.test' }).click();
    await page.getByRole('heading', { name: 'dan@school.test' }).waitFor();
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('The account is disabled and every session of it has ended.').waitFor();
    await page.getByRole('button', { name: 'Enable' }).waitFor();
    await browser.screenshot('console-user-disabled');

    expect((await dan.get('/auth/session')).status).toBe(401);
    expect((await server.client().post('/auth/sign-in', { email: 'dan@school.test', password })).status).toBe(401);
  }, 60_000);

  it('adds a user to a group and removes them again, and refuses to disable the admin themselves', async () => {
    const tess = await server.addUser('tess@school.test', password);
    // An expiry still to come: the account is active, and says until when.
    await setUserDisabled(server.runtime.db, tess.id, '2999-01-01T00:00:00.000Z', new Date().toISOString());
    const { page } = browser;
    await page.goto(`${server.url}/console/users?query=tess`);
    await page.getByRole('cell', { name: 'Active until 2999-01-01 00:00 UTC' }).waitFor();
    await page.getByRole('link', { name: 'tess@school.test' }).click();
    await page.getByText('Active until 2999-01-01 00:00 UTC').waitFor();
    await page.getByLabel('Group', { exact: true }).selectOption('teachers');
    await page.getByRole('button', { name: 'Add to group' }).click();
    await page.getByText('Added to the group.').waitFor();
    await page.getByRole('button', { name: 'Remove from teachers' }).click();
    await page.getByText('Removed from the group.').waitFor();
    expect(await page.getByRole('button', { name: 'Remove from teachers' }).count()).toBe(0);
    await browser.screenshot('console-user-groups');

    await page.goto(`${server.url}/console/users?query=ada`);
    await page.getByRole('link', { name: 'ada@console.test' }).click();
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('alert').filter({ hasText: 'You cannot disable your own account' }).waitFor();
    expect((await page.goto(`${server.url}/console`))!.status()).toBe(200);
  }, 60_000);

  it('lists a blocked client and lifts the block', async () => {
    await blockClient(server.runtime, '203.0.113.9', 'too many refusals');
    const { page } = browser;
    await page.goto(`${server.url}/console/blocks`);
    const table = page.getByRole('table', { name: 'Blocked clients' });
    await table.getByText('203.0.113.9', { exact: true }).waitFor();
    await table.getByRole('button', { name: 'Lift' }).click();
    await page.getByText('The block is lifted.').waitFor();
    expect(await page.getByText('No client is blocked.').count()).toBe(1);
    await browser.screenshot('console-block-lifted');
  });
});
