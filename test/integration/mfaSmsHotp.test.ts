import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Encode, hotp, TotpDevice } from '../support/otpDevice.js';
import { runCli } from '../support/runCli.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;

beforeAll(async () => {
  gh = await startTestServer();
});
afterAll(() => gh.close());

async function signedInUser(email: string): Promise<Client> {
  await gh.addUser(email, password);
  const client = gh.client();
  expect((await client.signIn(email, password)).body.status).toBe('SIGNED_IN');
  return client;
}

async function firstStep(email: string): Promise<{ client: Client; mfaToken: string; methods: string[] }> {
  const client = gh.client();
  const answer = await client.post('/auth/sign-in', { email, password });
  expect(answer.body.status).toBe('MFA_REQUIRED');
  return { client, mfaToken: answer.body.mfaToken, methods: answer.body.methods };
}

async function enrolSms(client: Client, phone: string): Promise<void> {
  const setup = await client.post('/auth/mfa/sms/setup', { phone });
  expect(setup.status).toBe(200);
  expect(setup.body.to).toMatch(/^\+•+\d\d$/);
  const enabled = await client.post('/auth/mfa/sms/enable', { factorId: setup.body.factorId, code: await gh.lastCode(phone) });
  expect(enabled.status).toBe(200);
  expect(enabled.body.recoveryCodes).toHaveLength(10);
}

describe('SMS factor', () => {
  it('refuses a number that is not E.164', async () => {
    const client = await signedInUser('nan@sms.test');
    for (const phone of ['4155550123', '+0155550123', '+1 415 555 0123', '+1234567890123456']) {
      const answer = await client.post('/auth/mfa/sms/setup', { phone });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('enrols a phone with the code sent to it, then signs in with a code read from the outbox, once', async () => {
    const phone = '+14155550123';
    await enrolSms(await signedInUser('sam@sms.test'), phone);
    const { client, mfaToken, methods } = await firstStep('sam@sms.test');
    expect(methods).toEqual(['sms', 'recovery']);
    const challenge = await client.post('/auth/sign-in/mfa/challenge', { mfaToken, method: 'sms' });
    expect(challenge.status).toBe(200);
    expect(challenge.body).toEqual({ sent: true, to: '+•••••••••23' });
    const code = await gh.lastCode(phone);
    const message = (await gh.outbox()).at(-1)!;
    expect(message).toMatchObject({ channel: 'sms', to: phone });
    expect((await client.post('/auth/sign-in/mfa', { mfaToken, method: 'sms', code })).status).toBe(200);

    const again = await firstStep('sam@sms.test');
    expect((await again.client.post('/auth/sign-in/mfa', { mfaToken: again.mfaToken, method: 'sms', code })).body.error.code).toBe('INVALID_CODE');
  });

  it('steps a session up with a text sent by /auth/step-up/challenge', async () => {
    const phone = '+33612345678';
    const client = await signedInUser('sol@sms.test');
    await enrolSms(client, phone);
    expect((await client.post('/auth/step-up/challenge', { method: 'sms' })).body.sent).toBe(true);
    const stepped = await client.post('/auth/step-up', { method: 'sms', code: await gh.lastCode(phone) });
    expect(stepped.status).toBe(200);
    expect(stepped.body).toMatchObject({ status: 'STEPPED_UP', mfa: true });
    expect((await client.get('/auth/session')).body.session.mfa).toBe(true);
  });

  it('does not reset the failure count when a new code is asked for, and limits how many are sent', async () => {
    const phone = '+447700900123';
    await enrolSms(await signedInUser('sue@sms.test'), phone);
    const first = await firstStep('sue@sms.test');
    await first.client.post('/auth/sign-in/mfa/challenge', { mfaToken: first.mfaToken, method: 'sms' });
    for (let i = 0; i < 5; i++) await first.client.post('/auth/sign-in/mfa', { mfaToken: first.mfaToken, method: 'sms', code: '00000000' });
    const second = await firstStep('sue@sms.test');
    expect((await second.client.post('/auth/sign-in/mfa/challenge', { mfaToken: second.mfaToken, method: 'sms' })).status).toBe(200);
    const refused = await second.client.post('/auth/sign-in/mfa', { mfaToken: second.mfaToken, method: 'sms', code: await gh.lastCode(phone) });
    expect(refused.body.error.code).toBe('INVALID_CODE');
    // Three texts in ten minutes (setup and two challenges): the fourth is refused.
    const fourth = await second.client.post('/auth/sign-in/mfa/challenge', { mfaToken: second.mfaToken, method: 'sms' });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('RATE_LIMITED');
  });
});

describe('HOTP hardware token', () => {
  // RFC 4226 Appendix D's seed, as a token's card prints it.
  const key = Buffer.from('12345678901234567890');
  const seed = base32Encode(key);

  it('enrols with the seed and a code, then resynchronises after skipped counters', async () => {
    const client = await signedInUser('hal@hotp.test');
    expect((await client.post('/auth/mfa/hotp/enable', { secret: seed, code: hotp(key, 7) + '', label: 'Token' })).status).toBe(200);
    const signIn = async (counter: number) => {
      const { client: c, mfaToken, methods } = await firstStep('hal@hotp.test');
      expect(methods).toEqual(['hotp', 'recovery']);
      return c.post('/auth/sign-in/mfa', { mfaToken, method: 'hotp', code: hotp(key, counter) });
    };
    // Counter is 8 after enrolment; the token was pressed four times without use (8..11 skipped).
    expect((await signIn(12)).status).toBe(200);
    expect((await signIn(11)).body.error.code).toBe('INVALID_CODE');
    expect((await signIn(12)).body.error.code).toBe('INVALID_CODE');
    expect((await signIn(13)).status).toBe(200);
    // Beyond the look-ahead of ten: refused.
    expect((await signIn(25)).body.error.code).toBe('INVALID_CODE');
    expect((await signIn(24)).status).toBe(200);
  });

  it('enrols a TOTP hardware token with its own seed through the TOTP path', async () => {
    const client = await signedInUser('tia@hotp.test');
    const seed = 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ';
    const setup = await client.post('/auth/mfa/totp/setup', { secret: seed, label: 'Key fob' });
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toBe(seed.replace(/ /g, ''));
    const device = new TotpDevice(setup.body.secret);
    expect((await client.post('/auth/mfa/totp/enable', { factorId: setup.body.factorId, code: device.code() })).status).toBe(200);
    const { client: c, mfaToken } = await firstStep('tia@hotp.test');
    expect((await c.post('/auth/sign-in/mfa', { mfaToken, method: 'totp', code: device.code() })).status).toBe(200);
  });

  it('refuses a seed that is not base32 or too short', async () => {
    const client = await signedInUser('hoe@hotp.test');
    const answer = await client.post('/auth/mfa/hotp/enable', { secret: 'not base32 at all!!', code: '123456', label: 'Token' });
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('secrets at rest', () => {
  it('keeps no TOTP/HOTP seed or phone number in clear in the database files', async () => {
    const client = await signedInUser('zed@rest.test');
    const setup = await client.post('/auth/mfa/totp/setup', {});
    const phone = '+15005550006';
    await client.post('/auth/mfa/sms/setup', { phone });
    const hotpSeed = base32Encode(Buffer.from('an HOTP seed of twenty'));
    await client.post('/auth/mfa/hotp/enable', { secret: hotpSeed, code: hotp(Buffer.from('an HOTP seed of twenty'), 0), label: 'Token' });
    const dbFiles = fs.readdirSync(gh.dataDir).filter((f) => f.startsWith('gatehouse.db'));
    expect(dbFiles.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(dbFiles.map((f) => fs.readFileSync(path.join(gh.dataDir, f))));
    for (const secret of [setup.body.secret, hotpSeed, phone, phone.slice(1)]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // The factors are there, sealed.
    const rows = await gh.runtime.db.selectFrom('mfa_factors').select(['type', 'secret']).innerJoin('users', 'users.id', 'mfa_factors.user_id').where('users.email', '=', 'zed@rest.test').execute();
    expect(rows.map((r) => r.type).sort()).toEqual(['hotp', 'sms', 'totp']);
  });

  it('keeps every factor working after `gatehouse keys rotate`', async () => {
    const client = await signedInUser('kim@rest.test');
    const phone = '+14155550199';
    await enrolSms(client, phone);
    const setup = await client.post('/auth/mfa/totp/setup', {});
    const device = new TotpDevice(setup.body.secret);
    expect((await client.post('/auth/mfa/totp/enable', { factorId: setup.body.factorId, code: device.code() })).status).toBe(200);
    const rotated = await runCli(gh.dataDir, ['keys', 'rotate']);
    expect(rotated.code).toBe(0);
    const totp = await firstStep('kim@rest.test');
    expect((await totp.client.post('/auth/sign-in/mfa', { mfaToken: totp.mfaToken, method: 'totp', code: device.code() })).status).toBe(200);
    const sms = await firstStep('kim@rest.test');
    expect((await sms.client.post('/auth/sign-in/mfa/challenge', { mfaToken: sms.mfaToken, method: 'sms' })).status).toBe(200);
    expect((await sms.client.post('/auth/sign-in/mfa', { mfaToken: sms.mfaToken, method: 'sms', code: await gh.lastCode(phone) })).status).toBe(200);
  });
});
