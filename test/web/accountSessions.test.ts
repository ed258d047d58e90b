import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { signInThroughPage } from './accountSignIn.js';

const password = 'harbour violet kettle 77';

describeInBrowser('sessions journey in a real browser', () => {
  const run = useBrowserServer();

  it('signs out another browser from the list, then every browser at once', async () => {
    const here = run.browser.page;
    const there = (await run.browser.newContext()).page;
    await run.server.addUser('sam@example.com', password);
    await signInThroughPage(here, run.server.url, 'sam@example.com', password);
    await signInThroughPage(there, run.server.url, 'sam@example.com', password);

    await here.getByRole('link', { name: 'Where you are signed in' }).click();
    const rows = here.getByRole('row').filter({ has: here.getByRole('button', { name: /^Sign out .*, signed in / }) });
    expect(await rows.count()).toBe(2);
    expect(await rows.filter({ hasText: 'This device' }).count()).toBe(1);
    // Only the navigation's button is plainly "Sign out"; each row's names the session it ends.
    expect(await here.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
    await run.browser.screenshot('account-sessions');
    const [otherBrowser, , otherSignedIn] = (await rows.filter({ hasNotText: 'This device' }).getByRole('cell').allTextContents()).map((text) => text.trim());
    await here.getByRole('button', { name: `Sign out ${otherBrowser}, signed in ${otherSignedIn}`, exact: true }).click();
    await here.getByText('That session is signed out.').waitFor();
    expect(await rows.count()).toBe(1);

    // The other browser's session ended: its next page asks it to sign in.
    await there.goto(`${run.server.url}/account`);
    await there.getByRole('heading', { name: 'Sign in' }).waitFor();

    await signInThroughPage(there, run.server.url, 'sam@example.com', password);
    await here.reload();
    expect(await rows.count()).toBe(2);
    await here.getByRole('button', { name: 'Sign out everywhere' }).click();
    await here.getByText('You are signed out.').waitFor();
    await there.goto(`${run.server.url}/account/sessions`);
    await there.getByRole('heading', { name: 'Sign in' }).waitFor();
    await here.goto(`${run.server.url}/account/sessions`);
    await here.getByRole('heading', { name: 'Sign in' }).waitFor();
  }, 90_000);

  it('signing out this browser from its own row signs it out', async () => {
    const { page } = run.browser;
    await signInThroughPage(page, run.server.url, 'sam@example.com', password);
    await page.goto(`${run.server.url}/account/sessions`);
    const signedIn = await page.getByRole('row').filter({ hasText: 'This device' }).getByRole('cell').nth(2).textContent();
    await page.getByRole('button', { name: `Sign out this device, signed in ${signedIn?.trim()}`, exact: true }).click();
    await page.getByText('You are signed out.').waitFor();
    expect((await run.browser.context.cookies()).some((cookie) => cookie.name === '__Host-gatehouse')).toBe(false);
  });

  it('sends a visitor who is not signed in to sign in first, and back', async () => {
    const { page } = await run.browser.newContext();
    await page.goto(`${run.server.url}/account/security`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('sam@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Account security' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/security');
  });
});
