import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTotp, stepUpTotp, TotpDevice } from '../support/otpDevice.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';
import { withBearer } from '../tokens/tokenSupport.js';

const password = 'correct horse battery staple';
let gh: TestServer;
// The server's clock runs `offset` ms ahead of the wall clock, so tests can move time forward.
let offset = 0;
const now = () => Date.now() + offset;

beforeAll(async () => {
  gh = await startTestServer({}, { clock: now });
});
afterAll(() => gh.close());

async function signedInUser(email: string, groups: string[] = []): Promise<{ client: Client; id: string }> {
  const { id } = await gh.addUser(email, password, groups);
  const client = gh.client();
  expect((await client.signIn(email, password)).body.status).toBe('SIGNED_IN');
  return { client, id };
}

async function firstStep(email: string): Promise<{ client: Client; mfaToken: string; methods: string[] }> {
  const client = gh.client();
  const answer = await client.post('/auth/sign-in', { email, password });
  expect(answer.status).toBe(200);
  expect(answer.body.status).toBe('MFA_REQUIRED');
  expect(client.cookie).toBeUndefined();
  return { client, mfaToken: answer.body.mfaToken, methods: answer.body.methods };
}

async function secondStep(client: Client, body: Record<string, unknown>) {
  const answer = await client.post('/auth/sign-in/mfa', body);
  if (answer.status === 200) client.csrfToken = answer.body.csrfToken;
  return answer;
}

describe('TOTP authenticator app', () => {
  let device: TotpDevice;
  let recoveryCodes: string[];

  it('enrols an app: seed, otpauth URI and QR code once; the list never shows the seed', async () => {
    const { client } = await signedInUser('tess@mfa.test');
    const setup = await client.post('/auth/mfa/totp/setup', {});
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Gatehouse:tess%40mfa\.test\?/);
    expect(setup.body.otpauthUri).toContain(`secret=${setup.body.secret}`);
    expect(setup.body.qrSvg).toMatch(/^<svg/);
    device = new TotpDevice(setup.body.secret, now);

    expect((await client.post('/auth/mfa/totp/enable', { factorId: setup.body.factorId, code: '000000' })).body.error.code).toBe('INVALID_CODE');
    const enabled = await client.post('/auth/mfa/totp/enable', { factorId: setup.body.factorId, code: device.code() });
    expect(enabled.status).toBe(200);
    recoveryCodes = enabled.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const list = await client.get('/auth/mfa');
    expect(list.body.factors).toEqual([expect.objectContaining({ id: setup.body.factorId, type: 'totp', enabled: true })]);
    expect(list.body.recoveryCodesLeft).toBe(10);
    expect(list.text).not.toContain(setup.body.secret);
  });

  it('signs in with a code computed outside the server, and refuses the same code again', async () => {
    const { client, mfaToken, methods } = await firstStep('tess@mfa.test');
    expect(methods).toEqual(['totp', 'recovery']);
    const code = device.code();
    const signedIn = await secondStep(client, { mfaToken, method: 'totp', code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ status: 'SIGNED_IN', user: { email: 'tess@mfa.test' } });
    const session = await client.get('/auth/session');
    expect(session.body.session.mfa).toBe(true);

    // The same code on a new sign-in, and the used mfaToken, are both refused.
    const again = await firstStep('tess@mfa.test');
    const replay = await secondStep(again.client, { mfaToken: again.mfaToken, method: 'totp', code });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('INVALID_CODE');
    expect((await secondStep(gh.client(), { mfaToken, method: 'totp', code: device.code() })).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('allows five answers per mfaToken, then the sign-in is over', async () => {
    offset += 90_000;
    const { client, mfaToken } = await firstStep('tess@mfa.test');
    for (let i = 0; i < 5; i++) expect((await secondStep(client, { mfaToken, method: 'totp', code: '123456' })).status).toBe(400);
    const sixth = await secondStep(client, { mfaToken, method: 'totp', code: device.code() });
    expect(sixth.status).toBe(401);
    expect(sixth.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('caps second-step guesses per user across fresh sign-ins, until a success', async () => {
    offset += 11 * 60_000;
    const { client: owner } = await signedInUser('guess@mfa.test');
    const own = await enrolTotp(owner, now);
    let wrong = 0;
    for (let round = 0; round < 3; round++) {
      const { client, mfaToken } = await firstStep('guess@mfa.test');
      for (let i = 0; i < 4; i++) if ((await secondStep(client, { mfaToken, method: 'totp', code: '000000' })).status === 400) wrong++;
    }
    expect(wrong).toBe(12);
    // Ten guesses in ten minutes were spent over three mfaTokens: even the right code waits now.
    const { client, mfaToken } = await firstStep('guess@mfa.test');
    expect((await secondStep(client, { mfaToken, method: 'totp', code: own.device.code() })).body.error.code).toBe('INVALID_CODE');
    offset += 10 * 60_000 + 1_000;
    const later = await firstStep('guess@mfa.test');
    expect((await secondStep(later.client, { mfaToken: later.mfaToken, method: 'totp', code: own.device.code() })).status).toBe(200);
  });

  it('lets an mfaToken live five minutes', async () => {
    const { client, mfaToken } = await firstStep('tess@mfa.test');
    offset += 5 * 60_000 + 1_000;
    const late = await secondStep(client, { mfaToken, method: 'totp', code: device.code() });
    expect(late.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts each recovery code once', async () => {
    const first = await firstStep('tess@mfa.test');
    const code = recoveryCodes[3]!;
    expect((await secondStep(first.client, { mfaToken: first.mfaToken, method: 'recovery', code: code.toUpperCase() })).status).toBe(200);
    const second = await firstStep('tess@mfa.test');
    expect((await secondStep(second.client, { mfaToken: second.mfaToken, method: 'recovery', code })).body.error.code).toBe('INVALID_CODE');
    expect((await first.client.get('/auth/mfa')).body.recoveryCodesLeft).toBe(9);
  });

  it('regenerating the recovery codes revokes the old ones (fresh sign-in needed)', async () => {
    const { client, mfaToken } = await firstStep('tess@mfa.test');
    offset += 60_000;
    expect((await secondStep(client, { mfaToken, method: 'totp', code: device.code() })).status).toBe(200);
    const fresh = await client.post('/auth/mfa/recovery/regenerate', {});
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    const old = await firstStep('tess@mfa.test');
    expect((await secondStep(old.client, { mfaToken: old.mfaToken, method: 'recovery', code: recoveryCodes[0] })).body.error.code).toBe('INVALID_CODE');
    expect((await secondStep(old.client, { mfaToken: old.mfaToken, method: 'recovery', code: fresh.body.recoveryCodes[0] })).status).toBe(200);
  });

  it('refuses a method the account does not have, and malformed input, with 400', async () => {
    const { client, mfaToken } = await firstStep('tess@mfa.test');
    expect((await secondStep(client, { mfaToken, method: 'sms', code: '12345678' })).body.error.code).toBe('VALIDATION_ERROR');
    expect((await secondStep(client, { mfaToken, method: 'carrier-pigeon', code: '123456' })).body.error.code).toBe('VALIDATION_ERROR');
    expect((await secondStep(client, { mfaToken: 'short', method: 'totp', code: '123456' })).body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('step-up and fresh sign-in', () => {
  it('answers a grade update without fresh MFA with 401 STEP_UP_REQUIRED, and lets it through after POST /auth/step-up', async () => {
    const { client: teacher } = await signedInUser('tom@mfa.test', ['teachers']);
    const { id: studentId } = await gh.addUser('stu@mfa.test', password, ['students']);
    const grade = await teacher.post('/api/grades', { studentId, course: 'Art', score: 50 });
    expect(grade.status).toBe(201);
    const refused = await teacher.put(`/api/grades/${grade.body.id}`, { score: 60 });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('STEP_UP_REQUIRED');

    const { device } = await enrolTotp(teacher, now);
    expect((await teacher.post('/auth/step-up', { method: 'totp', code: '000000' })).body.error.code).toBe('INVALID_CODE');
    await stepUpTotp(teacher, device);
    expect((await teacher.put(`/api/grades/${grade.body.id}`, { score: 60 })).status).toBe(200);

    // Fifteen minutes later the step-up has worn off.
    offset += 15 * 60_000 + 1_000;
    expect((await teacher.put(`/api/grades/${grade.body.id}`, { score: 61 })).body.error.code).toBe('STEP_UP_REQUIRED');
    await stepUpTotp(teacher, device);
    expect((await teacher.put(`/api/grades/${grade.body.id}`, { score: 61 })).status).toBe(200);
  });

  it('applies the same step-up rule to an access token of the session', async () => {
    const { client: teacher } = await signedInUser('tab@mfa.test', ['teachers']);
    const { id: studentId } = await gh.addUser('stb@mfa.test', password, ['students']);
    const grade = await teacher.post('/api/grades', { studentId, course: 'Art', score: 50 });
    const { device } = await enrolTotp(teacher, now);
    // Enrolling proved the app; sixteen minutes on, that proof is too old for a grade update.
    offset += 16 * 60_000;
    const before = withBearer(gh, (await teacher.post('/auth/token', {})).body.accessToken);
    expect((await before.put(`/api/grades/${grade.body.id}`, { score: 55 })).body.error.code).toBe('STEP_UP_REQUIRED');
    await stepUpTotp(teacher, device);
    const after = withBearer(gh, (await teacher.post('/auth/token', {})).body.accessToken);
    expect((await after.put(`/api/grades/${grade.body.id}`, { score: 55 })).status).toBe(200);
  });

  it('needs a sign-in or step-up within ten minutes to enrol or remove a factor', async () => {
    const { client } = await signedInUser('fred@mfa.test');
    const { device, factorId } = await enrolTotp(client, now);
    offset += 10 * 60_000 + 1_000;
    expect((await client.post('/auth/mfa/totp/setup', {})).body.error.code).toBe('STEP_UP_REQUIRED');
    expect((await client.request('DELETE', `/auth/mfa/${factorId}`)).body.error.code).toBe('STEP_UP_REQUIRED');
    await stepUpTotp(client, device);
    expect((await client.request('DELETE', `/auth/mfa/${factorId}`)).status).toBe(204);
    // With no factor left, sign-in needs the password only, and recovery codes are gone.
    expect((await gh.client().signIn('fred@mfa.test', password)).body.status).toBe('SIGNED_IN');
    expect((await client.get('/auth/mfa')).body).toEqual({ factors: [], recoveryCodesLeft: 0 });
  });

  it('lets a session that proved no factor neither remove one, add one, nor take recovery codes', async () => {
    // Two sessions on the password alone; one of them then enrols an app.
    const { client: owner } = await signedInUser('gus@mfa.test');
    const other = gh.client();
    expect((await other.signIn('gus@mfa.test', password)).body.status).toBe('SIGNED_IN');
    const { device, factorId } = await enrolTotp(owner, now);
    expect((await other.request('DELETE', `/auth/mfa/${factorId}`)).body.error.code).toBe('STEP_UP_REQUIRED');
    expect((await other.post('/auth/mfa/recovery/regenerate', {})).body.error.code).toBe('STEP_UP_REQUIRED');
    expect((await other.post('/auth/mfa/totp/setup', {})).body.error.code).toBe('STEP_UP_REQUIRED');
    // Proving the factor lets it through.
    offset += 30_000;
    await stepUpTotp(other, device);
    expect((await other.post('/auth/mfa/recovery/regenerate', {})).status).toBe(200);
  });

  it('ends a pending second step when the password is reset', async () => {
    const { client } = await signedInUser('hal@mfa.test');
    const { device } = await enrolTotp(client, now);
    const { client: pending, mfaToken } = await firstStep('hal@mfa.test');
    expect((await gh.client().post('/auth/password/forgot', { email: 'hal@mfa.test' })).status).toBe(202);
    const code = await gh.lastCode('hal@mfa.test');
    expect((await gh.client().post('/auth/password/reset', { email: 'hal@mfa.test', code, password: 'an entirely new passphrase' })).status).toBe(200);
    offset += 30_000;
    const late = await secondStep(pending, { mfaToken, method: 'totp', code: device.code() });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('wants the CSRF token on enrolment', async () => {
    const { client } = await signedInUser('cid@mfa.test');
    const answer = await client.request('POST', '/auth/mfa/totp/setup', { json: {}, csrf: false });
    expect(answer.body.error.code).toBe('CSRF');
  });
});

describe('audit of MFA steps', () => {
  it('records the factor type and outcome of each step, never the code', async () => {
    const { client } = await signedInUser('ada@mfa.test');
    const { device } = await enrolTotp(client, now);
    const { client: second, mfaToken } = await firstStep('ada@mfa.test');
    const wrong = '999999';
    await secondStep(second, { mfaToken, method: 'totp', code: wrong });
    const code = device.code();
    await secondStep(second, { mfaToken, method: 'totp', code });
    const rows = await gh.runtime.db.selectFrom('audit_events').select(['event_name', 'body']).where('event_name', 'in', ['SignInMfa', 'EnableTotp', 'SetupTotp']).orderBy('sequence').execute();
    const events = rows.map((row) => JSON.parse(row.body));
    const signIns = events.filter((e) => e.eventName === 'SignInMfa').slice(-2);
    expect(signIns[0]).toMatchObject({ errorCode: 'INVALID_CODE', requestParameters: { method: 'totp', code: '[REDACTED]', mfaToken: '[REDACTED]' } });
    expect(signIns[1]).toMatchObject({ errorCode: null, responseElements: { mfa: { factorType: 'totp', outcome: 'SUCCESS' } } });
    expect(events.some((e) => e.eventName === 'EnableTotp' && e.responseElements?.mfa?.outcome === 'ENROLLED')).toBe(true);
    const all = rows.map((row) => row.body).join('\n');
    expect(all).not.toContain(code);
    expect(all).not.toContain(device.secret);
  });
});
