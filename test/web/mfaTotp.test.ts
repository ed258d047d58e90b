import { generate } from 'otplib';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { signInThroughPage, signOutThroughPage } from './accountSignIn.js';

const password = 'lighthouse pebble orchard 31';

describeInBrowser('authenticator app journey in a real browser', () => {
  const run = useBrowserServer();
  let recoveryCodes: string[] = [];

  it('enrols an app from the key shown on the page, shows the recovery codes once, and signs in with a code', async () => {
    const { page } = run.browser;
    await run.server.addUser('tara@example.com', password);
    await signInThroughPage(page, run.server.url, 'tara@example.com', password);
    await page.getByRole('link', { name: 'Second factors and recovery codes' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('heading', { name: 'Set up an authenticator app' }).waitFor();
    expect(await page.getByRole('img', { name: 'QR code for your authenticator app' }).isVisible()).toBe(true);
    const secret = await page.getByLabel('Or type this key into the app').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code: the error sits beside the field, announced, and the same key stays on the page.
    await page.getByLabel('Code', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Or type this key into the app').inputValue()).toBe(secret);

    // otplib computes the code: a library independent of the server's otpauth.
    await page.getByLabel('Code', { exact: true }).fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const codes = (await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()).map((code) => code.trim());
    expect(codes).toHaveLength(10);
    recoveryCodes = codes;
    await run.browser.screenshot('mfa-totp-recovery-codes');

    await page.getByRole('link', { name: 'I have saved them' }).click();
    await page.getByRole('button', { name: 'Remove Authenticator app' }).waitFor();
    expect(await page.getByText('10 unused recovery codes left.').isVisible()).toBe(true);
    const shown = await page.content();
    for (const code of codes) expect(shown).not.toContain(code);
    expect(shown).not.toContain(secret);

    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'tara@example.com', password, 'second step');
    // The next 30-second step's code: never the one spent on enrolment, within the server's one step of drift.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const app = page.getByRole('region', { name: 'Authenticator app' });
    await app.getByLabel('Code', { exact: true }).fill(code);
    await app.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(await page.getByText('with a second factor').isVisible()).toBe(true);
    await run.browser.screenshot('mfa-totp-signed-in');
  }, 90_000);

  it('signs in with a recovery code once; the same code again is refused beside its field', async () => {
    const { page } = run.browser;
    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'tara@example.com', password, 'second step');
    const recovery = page.getByRole('region', { name: 'Recovery code' });
    await recovery.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await recovery.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'tara@example.com', password, 'second step');
    await page.getByRole('region', { name: 'Recovery code' }).getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('region', { name: 'Recovery code' }).getByRole('button', { name: 'Verify' }).click();
    const field = page.getByRole('region', { name: 'Recovery code' }).getByLabel('Recovery code');
    await page.getByRole('alert').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('heading', { name: 'Authenticator app' }).isVisible()).toBe(true);
  }, 90_000);
});
