import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { accessibilityProblems, hasFocus, tryInlineScript, watchCsp } from './accessChecks.js';

// Every page served without signing in: the foundation's and web-access's.
const publicPages = ['/', '/sign-up', '/confirm', '/sign-in', '/forgot', '/reset', '/setup'];
const password = 'a long and private phrase';

describeInBrowser('pages anyone can open, in a real browser', () => {
  const run = useBrowserServer();
  let csp: string[];
  beforeAll(async () => {
    csp = await watchCsp(run.browser.context, run.browser.page);
  });

  it('notices a CSP violation when there is one (the watch below can fail)', async () => {
    const { page } = run.browser;
    await page.goto(`${run.server.url}/sign-in`);
    expect(await tryInlineScript(page)).toBe('Sign in · Gatehouse');
    await expect.poll(() => csp.some((report) => report.startsWith('securitypolicyviolation: script-src'))).toBe(true);
    csp.length = 0;
  });

  it('labels every field, names every button, fits 390 px and breaks no CSP rule on each page', async () => {
    const { page } = run.browser;
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      for (const path of publicPages) {
        const response = await page.goto(`${run.server.url}${path}`);
        expect(response?.status(), path).toBe(200);
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await accessibilityProblems(page), `${path} at ${width} px`).toEqual([]);
        if (path !== '/') expect(await page.getByRole('textbox').count(), path).toBeGreaterThan(0);
      }
    }
    expect(csp).toEqual([]);
  }, 60_000);

  it('draws the sign-in page at 390 and 1280 px', async () => {
    const { page } = run.browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${run.server.url}/sign-in`);
    await run.browser.screenshot('sign-in-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${run.server.url}/sign-in`);
    await run.browser.screenshot('sign-in-1280');
    expect(csp).toEqual([]);
  });

  it('signs in with the keyboard alone: skip link, Tab, Shift+Tab, Enter', async () => {
    await run.server.addUser('kay@example.com', password);
    const { page } = run.browser;
    await page.goto(`${run.server.url}/sign-in`);
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByRole('link', { name: 'Skip to content' }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByLabel('Email'))).toBe(true);
    await page.keyboard.type('kay@example.com');
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByLabel('Password'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await hasFocus(page.getByLabel('Email'))).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByRole('button', { name: 'Sign in' }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/account$/);
    await run.browser.screenshot('keyboard-sign-in');
    expect((await run.browser.context.cookies()).some((cookie) => cookie.name === '__Host-gatehouse')).toBe(true);
    await run.browser.context.clearCookies();
  }, 60_000);

  it('announces wrong credentials as an alert, keeping the address', async () => {
    await run.server.addUser('lee@example.com', password);
    const { page } = run.browser;
    await page.goto(`${run.server.url}/sign-in`);
    await page.getByLabel('Email').fill('lee@example.com');
    await page.getByLabel('Password').fill('not the password at all');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(response.status()).toBe(401);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/\w/);
    expect(await page.getByLabel('Email').inputValue()).toBe('lee@example.com');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect((await run.browser.context.cookies()).some((cookie) => cookie.name === '__Host-gatehouse')).toBe(false);
  });

  it('explains on /forgot why a confirmed address must choose a password', async () => {
    const { page } = run.browser;
    await page.goto(`${run.server.url}/forgot?notice=choose-password`);
    expect(await page.getByRole('status').innerText()).toMatch(/no password came with it/);
    await page.goto(`${run.server.url}/forgot?notice=%3Cb%3Eanything%3C%2Fb%3E`);
    expect(await page.getByRole('status').count()).toBe(0);
  });
});
