import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';

describeInBrowser('sign-up journey in a real browser', () => {
  const run = useBrowserServer();

  it('signs up, confirms with the code from the outbox, and signs in', async () => {
    const { page } = run.browser;
    await page.goto(`${run.server.url}/`);
    await page.getByRole('link', { name: 'Sign up' }).first().click();
    await page.getByLabel('Email').fill('robin@example.com');
    await page.getByLabel('Password').fill('a long and private phrase');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Confirm your address' }).waitFor();
    await page.getByLabel('Code').fill(await run.server.lastCode('robin@example.com'));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill('robin@example.com');
    await page.getByLabel('Password').fill('a long and private phrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account/);
    await run.browser.screenshot('sign-up-journey');
    const cookies = await run.browser.context.cookies();
    const session = cookies.find((cookie) => cookie.name === '__Host-gatehouse');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });

  it('shows a refused password beside its field, announced', async () => {
    const { page } = run.browser;
    await page.goto(`${run.server.url}/sign-up`);
    await page.getByLabel('Email').fill('kim@example.com');
    await page.getByLabel('Password').fill('password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const alert = page.locator('#field-password-error');
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await alert.textContent()).toMatch(/\w/);
  });
});
