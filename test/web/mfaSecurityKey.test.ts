import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { isFocused, signInThroughPage, signOutThroughPage } from './accountSignIn.js';

const password = 'copper meadow sailboat 58';

describeInBrowser('security key journey in a real browser', () => {
  const run = useBrowserServer();

  it('registers a key through Chrome\'s virtual authenticator and signs in with it', async () => {
    const { page } = run.browser;
    // Chrome DevTools Protocol: a platform authenticator that says yes to every request, as a person touching the key would.
    const cdp = await run.browser.context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await run.server.addUser('kit@example.com', password);
    await signInThroughPage(page, run.server.url, 'kit@example.com', password);
    await page.goto(`${run.server.url}/account/security`);
    expect(await page.getByText('Registering a security key needs JavaScript').count()).toBe(0);
    await page.getByLabel('Key name').fill('Desk key');
    await page.getByRole('button', { name: 'Register a security key' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await isFocused(page.getByRole('heading', { name: 'Your recovery codes' }))).toBe(true);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    await run.browser.screenshot('mfa-security-key-registered');

    await page.getByRole('link', { name: 'I have saved them' }).click();
    await page.getByRole('button', { name: 'Remove Desk key' }).waitFor();

    await signOutThroughPage(page);
    await signInThroughPage(page, run.server.url, 'kit@example.com', password, 'second step');
    await page.getByRole('button', { name: 'Use security key' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(page.url()).toBe(`${run.server.url}/account`);
    expect(await page.getByText('with a second factor').isVisible()).toBe(true);
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]!.signCount).toBeGreaterThan(0);
    await run.browser.screenshot('mfa-security-key-signed-in');
  }, 90_000);

  it('says a security key needs JavaScript when scripts are off, and the other forms still work', async () => {
    const context = await run.browser.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await run.server.addUser('noa@example.com', password);
    await signInThroughPage(page, run.server.url, 'noa@example.com', password);
    await page.goto(`${run.server.url}/account/security`);
    await page.getByText('Registering a security key needs JavaScript').waitFor();
    expect(await page.getByRole('button', { name: 'Register a security key' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('heading', { name: 'Set up an authenticator app' }).waitFor();
    await run.browser.screenshot('account-security-without-script', page);
    await context.close();
  });
});
