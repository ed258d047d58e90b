import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, type TestBrowser } from '../support/browser.js';
import { SoftAuthenticator } from '../support/softAuthenticator.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { accessibilityProblemsAtBothWidths, watchCsp } from './accessChecks.js';

const password = 'a long and private phrase';

describeInBrowser('step-up with a security key in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let csp: string[];
  let key: SoftAuthenticator;
  let recoveryCodes: string[];
  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser(server.server.certificate);
    csp = await watchCsp(browser.context, browser.page);
    // The key is registered through the API; the browser then holds the same credential.
    await server.addUser('kit@example.com', password);
    const api = server.client();
    await api.signIn('kit@example.com', password);
    key = new SoftAuthenticator(server.runtime.config.publicUrl);
    const options = await api.post('/auth/mfa/webauthn/register/options');
    const verified = await api.post('/auth/mfa/webauthn/register/verify', { response: key.register(options.body), label: 'Blue key' });
    expect(verified.status).toBe(200);
    recoveryCodes = verified.body.recoveryCodes;
    // A server, a browser and its first page: slow to start on a busy machine.
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('proves the key through the page script, then goes on to next', async () => {
    const { page, context } = browser;
    // Chromium's virtual authenticator (DevTools WebAuthn domain), loaded with the registered credential.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: false, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    // The software key keeps its private half to itself; the browser's authenticator needs a copy.
    const privateKey = (key as unknown as { privateKey: KeyObject }).privateKey.export({ type: 'pkcs8', format: 'der' });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: { credentialId: key.credentialId.toString('base64'), isResidentCredential: false, rpId: 'localhost', privateKey: privateKey.toString('base64'), signCount: key.counter },
    });

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('kit@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCodes[0]!);
    await page.getByRole('region', { name: 'Recovery code' }).getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/account$/);

    await page.goto(`${server.url}/step-up?next=/grades`);
    const section = page.getByRole('region', { name: 'Security key' });
    await section.waitFor();
    expect(await accessibilityProblemsAtBothWidths(page)).toEqual([]);
    await browser.screenshot('step-up-security-key');
    await section.getByRole('button', { name: 'Use security key' }).click();
    await page.waitForURL(/\/grades$/);
    // The browser may be on its way before the API's audit event is written.
    const stepUp = async () => {
      const row = await server.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', 'StepUp').orderBy('sequence', 'desc').executeTakeFirst();
      return row && JSON.parse(row.body);
    };
    await expect.poll(stepUp).toMatchObject({ errorCode: null, responseElements: { mfa: { factorType: 'webauthn', outcome: 'SUCCESS' } } });
    expect(csp).toEqual([]);
  }, 60_000);

  it('offers the key only where scripts run; the codes work without them', async () => {
    const context = await browser.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('kit@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCodes[1]!);
    await page.getByRole('region', { name: 'Recovery code' }).getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/account$/);
    await page.goto(`${server.url}/step-up?next=/orders`);
    await page.getByRole('heading', { name: "Confirm it's you" }).waitFor();
    expect(await page.getByRole('button', { name: 'Use security key' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCodes[2]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/orders$/);
    await context.close();
  }, 60_000);
});
