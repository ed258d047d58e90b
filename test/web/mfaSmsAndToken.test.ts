import { generate, generateSecret } from 'otplib';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { signInThroughPage, signOutThroughPage } from './accountSignIn.js';

const password = 'juniper quarry tangent 46';
const phone = '+14155550123';

describeInBrowser('hardware token and text message journey in a real browser', () => {
  const run = useBrowserServer();

  it('adds a hardware token and a phone, then signs in with a texted code and with the token', async () => {
    const { page } = run.browser;
    // The seed printed on the token's card; otplib plays the token (HOTP, counter from 0).
    const seed = generateSecret();
    await run.server.addUser('rob@example.com', password);
    await signInThroughPage(page, run.server.url, 'rob@example.com', password);
    await page.goto(`${run.server.url}/account/security`);
    await page.getByLabel('Token secret').fill('not base32!');
    await page.getByLabel('Token code').fill('123456');
    await page.getByRole('button', { name: 'Add hardware token' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Token secret').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Token secret').fill(seed);
    await page.getByLabel('Token code').fill(await generate({ secret: seed, strategy: 'hotp', counter: 0 }));
    await page.getByLabel('Token name').fill('Key ring token');
    await page.getByRole('button', { name: 'Add hardware token' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await page.getByRole('link', { name: 'I have saved them' }).click();

    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('heading', { name: 'Confirm your phone' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await run.server.lastCode(phone));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('The second factor is added.').waitFor();
    expect(await page.getByRole('button', { name: 'Remove Key ring token' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Remove Phone/ }).isVisible()).toBe(true);
    await run.browser.screenshot('mfa-token-and-phone-added');

    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'rob@example.com', password, 'second step');
    const texted = page.getByRole('region', { name: 'Text message' });
    await texted.getByRole('button', { name: 'Send code' }).click();
    await page.getByText(/A code is on its way to/).waitFor();
    await texted.getByLabel('Text message code').fill(await run.server.lastCode(phone));
    await texted.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await run.browser.screenshot('mfa-sms-signed-in');

    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'rob@example.com', password, 'second step');
    const token = page.getByRole('region', { name: 'Hardware token' });
    await token.getByLabel('Token code').fill(await generate({ secret: seed, strategy: 'hotp', counter: 1 }));
    await token.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    // Signed in with a factor moments ago: removing one needs nothing more.
    await page.goto(`${run.server.url}/account/security`);
    await page.getByRole('button', { name: 'Remove Key ring token' }).click();
    await page.getByText('The second factor is removed.').waitFor();
    expect(await page.getByRole('button', { name: 'Remove Key ring token' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove Phone/ }).isVisible()).toBe(true);
  }, 90_000);
});
