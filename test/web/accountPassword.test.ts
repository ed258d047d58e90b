import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { isFocused, scrollWidth, signInThroughPage, signOutThroughPage } from './accountSignIn.js';

const password = 'marble thistle canyon 64';

describeInBrowser('account pages in a real browser', () => {
  const run = useBrowserServer();

  it('shows the profile, refuses a wrong current password beside its field, then changes the password', async () => {
    const { page } = run.browser;
    await run.server.addUser('pat@example.com', password, ['students']);
    await signInThroughPage(page, run.server.url, 'pat@example.com', password);
    expect(await page.getByText('pat@example.com', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('students', { exact: true }).isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('granite willow lantern 12');
    await page.getByRole('button', { name: 'Change password' }).click();
    const current = page.getByLabel('Current password');
    await page.getByRole('alert').waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').textContent()).toMatch(/current password is wrong/i);
    await run.browser.screenshot('account-password-refused');

    await current.fill(password);
    await page.getByLabel('New password').fill('password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password').fill('granite willow lantern 12');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'pat@example.com', 'granite willow lantern 12');
  }, 90_000);

  it('changes the password with the keyboard alone (Tab, typing, Enter)', async () => {
    const { page } = run.browser;
    await run.server.addUser('kay@example.com', password);
    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'kay@example.com', password);
    await page.goto(`${run.server.url}/account/password`);
    const current = page.getByLabel('Current password');
    // Tab from the top of the page until the first field has focus (skip link, navigation, then the form).
    for (let presses = 0; presses < 20 && !(await isFocused(current)); presses++) await page.keyboard.press('Tab');
    expect(await isFocused(current)).toBe(true);
    await page.keyboard.type(password);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('New password'))).toBe(true);
    await page.keyboard.type('saffron kestrel bridge 5');
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('button', { name: 'Change password' }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Your password is changed').waitFor();
  });

  it('lays out the account pages at 390 px without sideways scrolling', async () => {
    const context = await run.browser.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await run.server.addUser('nia@example.com', password);
    await signInThroughPage(page, run.server.url, 'nia@example.com', password);
    for (const path of ['/account', '/account/security', '/account/sessions', '/account/password']) {
      await page.goto(`${run.server.url}${path}`);
      expect(await scrollWidth(page), path).toBeLessThanOrEqual(390);
    }
    await page.goto(`${run.server.url}/account/security`);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('heading', { name: 'Set up an authenticator app' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.goto(`${run.server.url}/account/security`);
    await run.browser.screenshot('account-security-390', page);
    await context.close();
  });
});
