import { generate } from 'otplib';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { signInThroughPage } from './accountSignIn.js';

const password = 'orchid tunnel mosaic 83';
const elevenMinutes = 11 * 60_000;

describeInBrowser('changing factors needs a recent sign-in, in a real browser', () => {
  // The server's clock runs `offset` ms ahead of the wall clock, so the test can let ten minutes pass.
  let offset = 0;
  const now = () => Date.now() + offset;
  const run = useBrowserServer({}, { clock: now });

  it('asks for a fresh sign-in to enrol, comes back to the page after it, and sends a removal to step up', async () => {
    const { page } = run.browser;
    await run.server.addUser('ola@example.com', password);
    await signInThroughPage(page, run.server.url, 'ola@example.com', password);
    offset += elevenMinutes;
    await page.goto(`${run.server.url}/account/security`);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const alert = page.getByRole('region', { name: 'Authenticator app' }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/needs a recent sign-in/);
    // No factor yet, so nothing to step up with: signing in again is the only way offered.
    expect(await alert.getByRole('link', { name: 'confirm with a second factor' }).count()).toBe(0);
    await run.browser.screenshot('account-security-stale-sign-in');

    await alert.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByLabel('Email').fill('ola@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Account security' }).waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = await page.getByLabel('Or type this key into the app').inputValue();
    await page.getByLabel('Code', { exact: true }).fill(await generate({ secret, epoch: Math.floor(now() / 1000) }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();

    offset += elevenMinutes;
    await page.getByRole('link', { name: 'I have saved them' }).click();
    await page.getByRole('button', { name: 'Remove Authenticator app' }).click();
    await page.waitForURL((url) => url.pathname === '/step-up');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account/security');
  }, 90_000);
});
