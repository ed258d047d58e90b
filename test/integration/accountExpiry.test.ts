import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoAt } from '../../src/clock/clock.js';
import { openPentestWindow } from '../../src/shield/pentest/openPentestWindow.js';
import { setUserDisabled } from '../../src/store/repositories/users.js';
import { plainTransact } from '../../src/store/Transact.js';
import { signInEnrollingTotp, stepUpTotp, TotpDevice } from '../support/otpDevice.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';
import { withBearer } from '../tokens/tokenSupport.js';

const password = 'correct horse battery staple';
const minute = 60_000;
// Frozen and moved by hand; it starts at the wall clock because the admin's authenticator app reads that one.
let now = Date.now();
let gh: TestServer;
let admin: Client;
let adminApp: TotpDevice;
let teacher: Client;

beforeAll(async () => {
  gh = await startTestServer({}, { clock: () => now });
  await gh.addUser('ada@admin.test', password, ['admins']);
  admin = gh.client();
  adminApp = new TotpDevice((await signInEnrollingTotp(admin, 'ada@admin.test', password)).secret, () => now);
  await gh.addUser('tess@school.test', password, ['teachers']);
  teacher = gh.client();
  await teacher.signIn('tess@school.test', password);
});
afterAll(() => gh?.close());

const students = async () => ((await teacher.get('/api/grades/students')).body.students as Array<{ email: string }>).map((s) => s.email);
const refresh = (refreshToken: string) => gh.client().post('/auth/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
const adminView = async (id: string) => (await admin.get(`/admin/users/${id}`)).body;
/** An administrator's action on an account, with the fresh second factor it needs. */
async function administer(id: string, action: 'disable' | 'enable') {
  await stepUpTotp(admin, adminApp);
  return (await admin.post(`/admin/users/${id}/${action}`)).body;
}

/** The answer to a sign-in, with its error code when refused. */
async function signIn(email: string, secret: string) {
  const answer = await gh.client().post('/auth/sign-in', { email, password: secret });
  return { status: answer.status, code: answer.body?.error?.code, body: answer.body };
}

describe("pen-test accounts expire with their window's end", () => {
  it('sign in, keep a session and tokens during the window, and are refused all of them from its end on', async () => {
    const opened = await openPentestWindow(gh.runtime, { minutes: 5, openedBy: 'test', accounts: true }, plainTransact(gh.runtime.db));
    const accounts = opened.accounts!;
    const end = Date.parse(opened.expiresAt);
    const browser = gh.client();
    expect((await browser.signIn(accounts.student.email, accounts.student.password)).status).toBe(200);
    const issued = await browser.post('/auth/token');
    expect(issued.status).toBe(200);
    const device = new TotpDevice(accounts.mfa.totpSecret, () => now);
    const ownGrades = `/api/grades?studentId=${accounts.student.id}`;
    expect(await students()).toContain(accounts.student.email);

    now = end - 10_000;
    const rotated = await refresh(issued.body.refreshToken);
    expect(rotated.status).toBe(200);
    // Used just before the end: the bearer's session is now remembered as live.
    expect((await withBearer(gh, rotated.body.accessToken).get(ownGrades)).status).toBe(200);
    expect((await browser.get('/auth/session')).status).toBe(200);
    const pending = await signIn(accounts.mfa.email, accounts.mfa.password);
    expect(pending.body.status).toBe('MFA_REQUIRED');

    now = end;
    expect(await signIn(accounts.teacher.email, accounts.teacher.password)).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect((await browser.get('/auth/session')).status).toBe(401);
    const bearer = await withBearer(gh, rotated.body.accessToken).get(ownGrades);
    expect(bearer.status).toBe(401);
    expect(bearer.body.error.code).toBe('UNAUTHENTICATED');
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    const second = await gh.client().post('/auth/sign-in/mfa', { mfaToken: pending.body.mfaToken, method: 'totp', code: device.code() });
    expect(second.status).toBe(401);
    expect(await students()).not.toContain(accounts.student.email);
  });

  it('completes a second step begun and ended within the window', async () => {
    const opened = await openPentestWindow(gh.runtime, { minutes: 5, openedBy: 'test', accounts: true }, plainTransact(gh.runtime.db));
    const { mfa } = opened.accounts!;
    const pending = await signIn(mfa.email, mfa.password);
    const second = await gh.client().post('/auth/sign-in/mfa', { mfaToken: pending.body.mfaToken, method: 'totp', code: new TotpDevice(mfa.totpSecret, () => now).code() });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('SIGNED_IN');
  });
});

describe('an account with a disable time still to come', () => {
  it('works until then, its session ending at that time, and is disabled from then on', async () => {
    const { id } = await gh.addUser('lee@school.test', password, ['students']);
    const expiry = now + 30 * minute;
    await setUserDisabled(gh.runtime.db, id, isoAt(expiry), isoAt(now));
    const lee = gh.client();
    expect((await lee.signIn('lee@school.test', password)).status).toBe(200);
    const session = await lee.get('/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.session.expiresAt).toBe(isoAt(expiry));
    expect((await lee.get('/auth/sessions')).body.sessions.map((s: { expiresAt: string }) => s.expiresAt)).toEqual([isoAt(expiry)]);
    expect(await adminView(id)).toMatchObject({ disabled: false, disabledAt: isoAt(expiry) });
    expect(await students()).toContain('lee@school.test');

    now = expiry;
    expect((await lee.get('/auth/session')).status).toBe(401);
    expect(await signIn('lee@school.test', password)).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(await adminView(id)).toMatchObject({ disabled: true, disabledAt: isoAt(expiry) });
    expect(await students()).not.toContain('lee@school.test');
  });

  it('is disabled at once by an administrator, and enabling it removes the expiry', async () => {
    const { id } = await gh.addUser('kim@school.test', password, ['students']);
    await setUserDisabled(gh.runtime.db, id, isoAt(now + 30 * minute), isoAt(now));
    const kim = gh.client();
    await kim.signIn('kim@school.test', password);
    expect(await administer(id, 'disable')).toEqual({ id, disabled: true, sessionsEnded: 1 });
    expect((await kim.get('/auth/session')).status).toBe(401);
    expect((await signIn('kim@school.test', password)).status).toBe(401);

    expect(await administer(id, 'enable')).toEqual({ id, disabled: false });
    expect(await adminView(id)).toMatchObject({ disabled: false, disabledAt: null });
    now += 31 * minute;
    expect((await signIn('kim@school.test', password)).status).toBe(200);
  });

  it('once expired, is enabled again by an administrator without bringing back the sessions it had', async () => {
    const { id } = await gh.addUser('max@school.test', password, ['students']);
    await setUserDisabled(gh.runtime.db, id, isoAt(now + minute), isoAt(now));
    const max = gh.client();
    await max.signIn('max@school.test', password);
    now += minute;
    expect((await max.get('/auth/session')).status).toBe(401);
    expect(await administer(id, 'enable')).toEqual({ id, disabled: false });
    expect((await max.get('/auth/session')).status).toBe(401);
    expect((await signIn('max@school.test', password)).status).toBe(200);
  });
});
