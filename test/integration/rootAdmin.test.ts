import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToGroup } from '../../src/identity/admin/addToGroup.js';
import { plainTransact } from '../../src/store/Transact.js';
import { TotpDevice } from '../support/otpDevice.js';
import { runCli } from '../support/runCli.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;

beforeAll(async () => {
  gh = await startTestServer();
});
afterAll(() => gh.close());

const gatehouse = (args: string[]) => runCli(gh.dataDir, args);

/** Enrols an app with a setupToken (MFA_SETUP_REQUIRED); the enabling answer signs the client in. */
async function enrolWithSetupToken(client: Client, setupToken: string): Promise<TotpDevice> {
  const headers = { 'x-setup-token': setupToken };
  const setup = await client.post('/auth/mfa/totp/setup', {}, { headers });
  expect(setup.status).toBe(200);
  const device = new TotpDevice(setup.body.secret);
  const enabled = await client.post('/auth/mfa/totp/enable', { factorId: setup.body.factorId, code: device.code() }, { headers });
  expect(enabled.status).toBe(200);
  expect(enabled.body.status).toBe('SIGNED_IN');
  expect(enabled.body.recoveryCodes).toHaveLength(10);
  client.csrfToken = enabled.body.csrfToken;
  return device;
}

describe('root', () => {
  const email = 'root@gatehouse.local';
  let root: Client;

  it('is created by `gatehouse root init` with a one-time setup code and no password', async () => {
    const init = await gatehouse(['root', 'init']);
    expect(init.code).toBe(0);
    const code = /setup code: (\d{8})/.exec(init.stdout)![1]!;
    expect(init.stdout).not.toMatch(/password:/i);
    // No password works before the setup code is used.
    expect((await gh.client().post('/auth/sign-in', { email, password: code })).body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await gh.client().post('/auth/password/reset', { email, code, password })).status).toBe(200);
    expect((await gh.client().post('/auth/password/reset', { email, code, password: 'another long passphrase' })).body.error.code).toBe('INVALID_CODE');
    // There is only one root.
    const again = await gatehouse(['root', 'init', '--email', 'root2@gatehouse.local']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/root exists already/);
    await expect(addToGroup(gh.runtime, { group: 'root', email }, plainTransact(gh.runtime.db))).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    // Two command-line runs, each starting a runtime, on a machine that may be busy.
  }, 90_000);

  it('must enrol a factor at its first sign-in (MFA_SETUP_REQUIRED), which then signs it in', async () => {
    root = gh.client();
    const first = await root.post('/auth/sign-in', { email, password });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'MFA_SETUP_REQUIRED', setupToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(root.cookie).toBeUndefined();
    expect((await root.post('/auth/mfa/totp/setup', {}, { headers: { 'x-setup-token': 'x'.repeat(43) } })).status).toBe(401);
    await enrolWithSetupToken(root, first.body.setupToken);
    expect((await root.get('/auth/session')).body.session.mfa).toBe(true);
    // The setup token is spent.
    expect((await gh.client().post('/auth/mfa/totp/setup', {}, { headers: { 'x-setup-token': first.body.setupToken } })).status).toBe(401);
  });

  it('administers, but cannot use the applications, and the attempt is in the audit trail', async () => {
    const users = await root.get('/admin/users');
    expect(users.status).toBe(200);
    expect(users.body.users).toContainEqual(expect.objectContaining({ email, groups: ['root'], mfa: ['totp'] }));
    // Running the instance is administration: the shield's blocks are root's to see.
    expect((await root.get('/admin/shield/blocks')).status).toBe(200);
    const grades = await root.get('/api/grades');
    expect(grades.status).toBe(403);
    expect(grades.body.error.code).toBe('ACCESS_DENIED');
    const order = await root.post('/api/orders', { items: [{ sku: 'a', qty: 1 }] });
    expect(order.status).toBe(403);
    const row = await gh.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', 'CreateOrder').orderBy('sequence', 'desc').executeTakeFirstOrThrow();
    const recorded = JSON.parse(row.body);
    expect(recorded.errorCode).toBe('ACCESS_DENIED');
    expect(recorded.userIdentity.mfaAuthenticated).toBe(true);
    expect(recorded.additionalEventData.authorization).toMatchObject({ decision: 'DENY', policies: ['root.no-daily-use'] });
  });

  it('cannot remove its last factor', async () => {
    const [factor] = (await root.get('/auth/mfa')).body.factors;
    const answer = await root.request('DELETE', `/auth/mfa/${factor.id}`);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('CONFLICT');
  });
});

describe('admins', () => {
  it('must enrol a factor before anything else', async () => {
    await gh.addUser('ann@admin.test', password, ['admins']);
    const client = gh.client();
    const first = await client.post('/auth/sign-in', { email: 'ann@admin.test', password });
    expect(first.body.status).toBe('MFA_SETUP_REQUIRED');
    await enrolWithSetupToken(client, first.body.setupToken);
    expect((await client.get('/admin/users')).status).toBe(200);
    // From now on a sign-in asks for the second factor.
    expect((await gh.client().post('/auth/sign-in', { email: 'ann@admin.test', password })).body.status).toBe('MFA_REQUIRED');
  });

  it('takes a setup token for the first factor only: other sign-ins\' tokens end with it', async () => {
    await gh.addUser('ada@admin.test', password, ['admins']);
    // Someone else who knows the password signs in too, before the owner enrols.
    const intruder = gh.client();
    const theirs = await intruder.post('/auth/sign-in', { email: 'ada@admin.test', password });
    expect(theirs.body.status).toBe('MFA_SETUP_REQUIRED');
    const owner = gh.client();
    const mine = await owner.post('/auth/sign-in', { email: 'ada@admin.test', password });
    await enrolWithSetupToken(owner, mine.body.setupToken);
    const headers = { 'x-setup-token': theirs.body.setupToken as string };
    expect((await intruder.post('/auth/mfa/totp/setup', {}, { headers })).status).toBe(401);
    expect((await intruder.post('/auth/mfa/recovery/regenerate', {}, { headers })).status).toBe(401);
  });

  it('cannot use /admin/* without MFA, and a non-admin cannot at all', async () => {
    await gh.addUser('abe@admin.test', password);
    const client = gh.client();
    await client.signIn('abe@admin.test', password);
    const notAdmin = await client.get('/admin/users');
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.error.code).toBe('ACCESS_DENIED');
    // Made an admin while signed in without a factor.
    await addToGroup(gh.runtime, { group: 'admins', email: 'abe@admin.test' }, plainTransact(gh.runtime.db));
    const noMfa = await client.get('/admin/users');
    expect(noMfa.status).toBe(403);
    expect(noMfa.body.error.code).toBe('MFA_SETUP_REQUIRED');
    expect((await gh.client().get('/admin/users')).status).toBe(401);
  });
});
