import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, useBrowserServer } from '../support/browser.js';
import { base32Decode, enrolTotp, hotp, TotpDevice } from '../support/otpDevice.js';
import { runCli } from '../support/runCli.js';
import type { TestServer } from '../support/testServer.js';
import { accessibilityProblemsAtBothWidths, watchCsp } from './accessChecks.js';

const password = 'a long and private phrase';

/** A six-digit code that no step the server accepts now (one either side) produces. */
function wrongCode(secret: string): string {
  const step = Math.floor(Date.now() / 30_000);
  const valid = [step - 1, step, step + 1, step + 2].map((s) => hotp(base32Decode(secret), s));
  return ['000000', '111111', '222222', '333333', '444444'].find((code) => !valid.includes(code))!;
}

/** The newest audit event of `name`, as recorded. */
async function lastEvent(server: TestServer, name: string): Promise<any> {
  const row = await server.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', name).orderBy('sequence', 'desc').executeTakeFirstOrThrow();
  return JSON.parse(row.body);
}

describeInBrowser('access journeys in a real browser: reset, root setup, step-up', () => {
  const run = useBrowserServer();
  let csp: string[];
  beforeAll(async () => {
    csp = await watchCsp(run.browser.context, run.browser.page);
  });

  it('forgets a password, resets it with the mailed code, and signs in with the new one', async () => {
    await run.server.addUser('fay@example.com', password);
    const { page } = run.browser;
    await page.goto(`${run.server.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill('fay@example.com');
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await page.getByRole('status').innerText()).toMatch(/code is on its way/);
    expect(await page.getByLabel('Email').inputValue()).toBe('fay@example.com');
    const code = await run.server.lastCode('fay@example.com');
    // A wrong code is refused beside the Code field, announced.
    await page.getByLabel('Code', { exact: true }).fill(code === '00000000' ? '11111111' : '00000000');
    await page.getByLabel('New password').fill('a brand new private phrase');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').innerText()).toMatch(/code/i);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByLabel('New password').fill('a brand new private phrase');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.waitForURL(/\/sign-in\?notice=password-reset$/);
    await page.getByLabel('Email').fill('fay@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill('a brand new private phrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account$/);
    await run.browser.screenshot('forgot-reset-journey');
    expect(csp).toEqual([]);
    await run.browser.context.clearCookies();
    // Two password checks and a reset, each evenly timed on purpose.
  }, 60_000);

  it('sets root up: setup code, password, a first factor with its recovery codes, then a sign-in with it', async () => {
    const init = await runCli(run.server.dataDir, ['root', 'init']);
    expect(init.code).toBe(0);
    const setupCode = /setup code: (\d{8})/.exec(init.stdout)![1]!;
    const rootPassword = 'correct horse battery staple';
    const { page } = run.browser;
    await page.goto(`${run.server.url}/setup`);
    expect(await page.getByLabel('Email').inputValue()).toBe('root@gatehouse.local');
    await page.getByLabel('Setup code').fill(setupCode);
    await page.getByLabel('New password').fill(rootPassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(/\/sign-in\?notice=password-reset$/);
    await page.getByLabel('Email').fill('root@gatehouse.local');
    await page.getByLabel('Password').fill(rootPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Enrol a second factor' }).waitFor();
    expect(await page.getByRole('img', { name: 'QR code for your authenticator app' }).count()).toBe(1);
    expect(await accessibilityProblemsAtBothWidths(page)).toEqual([]);
    expect(page.url()).not.toMatch(/token/i);
    await run.browser.screenshot('root-setup-enrol');
    const secret = (await page.getByText(/^Key: /).innerText()).replace(/^Key: /, '').replace(/\s+/g, '');
    const app = new TotpDevice(secret);
    await page.getByLabel('Code', { exact: true }).fill(wrongCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The same key again, so the app already holding it still works.
    expect((await page.getByText(/^Key: /).innerText()).replace(/^Key: /, '').replace(/\s+/g, '')).toBe(secret);
    await page.getByLabel('Code', { exact: true }).fill(app.code());
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    expect(await accessibilityProblemsAtBothWidths(page)).toEqual([]);
    await run.browser.screenshot('root-setup-recovery-codes');
    // The session enabling made has ended: the way in is a sign-in with the new factor.
    expect((await run.browser.context.cookies()).some((cookie) => cookie.name === '__Host-gatehouse')).toBe(false);
    await page.getByRole('link', { name: 'Continue to sign in' }).click();
    await page.getByLabel('Email').fill('root@gatehouse.local');
    await page.getByLabel('Password').fill(rootPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Authenticator app' }).getByLabel('Code', { exact: true }).fill(app.code());
    await page.getByRole('region', { name: 'Authenticator app' }).getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/account$/);
    await run.browser.screenshot('root-setup-journey');
    expect(await lastEvent(run.server, 'SignInMfa')).toMatchObject({ errorCode: null, responseElements: { mfa: { factorType: 'totp', outcome: 'SUCCESS' } } });
    expect(csp).toEqual([]);
    await run.browser.context.clearCookies();
  }, 90_000);

  it('steps a signed-in session up with an authenticator app and goes on to next', async () => {
    await run.server.addUser('sam@example.com', password);
    const api = run.server.client();
    await api.signIn('sam@example.com', password);
    const { device } = await enrolTotp(api);
    const { page } = run.browser;
    await page.goto(`${run.server.url}/sign-in`);
    await page.getByLabel('Email').fill('sam@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Authenticator app' }).getByLabel('Code', { exact: true }).fill(device.code());
    await page.getByRole('region', { name: 'Authenticator app' }).getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/account$/);

    await page.goto(`${run.server.url}/step-up?next=/account`);
    await page.getByRole('heading', { name: "Confirm it's you" }).waitFor();
    expect(await accessibilityProblemsAtBothWidths(page)).toEqual([]);
    const app = page.getByRole('region', { name: 'Authenticator app' });
    expect(await page.getByRole('region', { name: 'Recovery code' }).count()).toBe(1);
    await app.getByLabel('Code', { exact: true }).fill(wrongCode(device.secret));
    await app.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    expect(await app.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect((await lastEvent(run.server, 'StepUp')).errorCode).toBe('INVALID_CODE');
    await app.getByLabel('Code', { exact: true }).fill(device.code());
    await app.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/account$/);
    await run.browser.screenshot('step-up-journey');
    expect(await lastEvent(run.server, 'StepUp')).toMatchObject({ errorCode: null, responseElements: { mfa: { factorType: 'totp', outcome: 'SUCCESS' } } });
    expect(csp).toEqual([]);
    await run.browser.context.clearCookies();
  }, 60_000);

  it('sends a visitor who is not signed in from /step-up to sign in, keeping only a safe next', async () => {
    const { page } = run.browser;
    await page.goto(`${run.server.url}/step-up?next=/grades`);
    await page.waitForURL(/\/sign-in\?next=%2Fgrades$/);
    await page.goto(`${run.server.url}/step-up?next=//evil.example/`);
    await page.waitForURL(/\/sign-in\?next=%2Faccount$/);
  });
});
