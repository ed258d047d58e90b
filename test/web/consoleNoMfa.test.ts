import { expect, it } from 'vitest';
import { addToGroup } from '../../src/identity/admin/addToGroup.js';
import { plainTransact } from '../../src/store/Transact.js';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { password } from './consoleSignIn.js';

describeInBrowser('the console refuses an admin without a second factor, in a real browser', () => {
  const run = useBrowserServer();

  it('refuses an admin without a second factor, with a clear message and where to set one up', async () => {
    await run.server.addUser('abe@console.test', password);
    const { page } = run.browser;
    await page.goto(`${run.server.url}/sign-in?next=/console`);
    await page.getByLabel('Email').fill('abe@console.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/console');
    // Made an administrator while signed in with a password only.
    await addToGroup(run.server.runtime, { group: 'admins', email: 'abe@console.test' }, plainTransact(run.server.runtime.db));
    const answer = await page.goto(`${run.server.url}/console`);
    expect(answer!.status()).toBe(403);
    await page.getByRole('alert').filter({ hasText: 'The console needs a second factor' }).waitFor();
    expect(await page.getByRole('link', { name: 'Set up a second factor' }).getAttribute('href')).toBe('/account/security');
    await page.goto(`${run.server.url}/console/users`);
    await page.getByRole('alert').filter({ hasText: 'The console needs a second factor' }).waitFor();
    await run.browser.screenshot('console-no-mfa');
  }, 60_000);
});
