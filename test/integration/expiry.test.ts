import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
const minute = 60_000;
let now = Date.parse('2026-11-24T08:00:00Z');
let gh: TestServer;

beforeAll(async () => {
  // A frozen clock, injected: the server reads time only through it.
  gh = await startTestServer({}, { clock: () => now });
  await gh.addUser('sleepy@example.com', password);
});
afterAll(() => gh.close());

describe('time limits', () => {
  it('ends a session idle for an hour', async () => {
    const c = gh.client();
    await c.signIn('sleepy@example.com', password);
    now += 59 * minute;
    expect((await c.get('/auth/session')).status).toBe(200);
    now += 59 * minute;
    expect((await c.get('/auth/session')).status).toBe(200);
    now += 61 * minute;
    expect((await c.get('/auth/session')).status).toBe(401);
  });

  it('ends a busy session after 24 hours', async () => {
    const c = gh.client();
    await c.signIn('sleepy@example.com', password);
    const signedInAt = now;
    // Never idle: a request every 50 minutes, until the 24 hours are up.
    while (now + 50 * minute < signedInAt + 24 * 60 * minute) {
      now += 50 * minute;
      expect((await c.get('/auth/session')).status).toBe(200);
    }
    now = signedInAt + 24 * 60 * minute + 1000;
    expect((await c.get('/auth/session')).status).toBe(401);
  });

  it('refuses a confirmation code after 10 minutes', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'late@example.com', password });
    const code = await gh.lastCode('late@example.com');
    now += 10 * minute + 1000;
    const answer = await c.post('/auth/confirm', { email: 'late@example.com', code });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
  });

  it('accepts a confirmation code within 10 minutes', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'prompt@example.com', password });
    const code = await gh.lastCode('prompt@example.com');
    now += 9 * minute;
    expect((await c.post('/auth/confirm', { email: 'prompt@example.com', code })).status).toBe(200);
  });
});

describe('tries at codes, over time', () => {
  const wrong = (code: string) => (code === '00000000' ? '11111111' : '00000000');
  const reset = async (email: string, code: string) => (await gh.client().post('/auth/password/reset', { email, code, password: 'a brand new passphrase' })).status;

  it('gives five tries per ten minutes, then new ones', async () => {
    await gh.addUser('guesser@example.com', password);
    await gh.client().post('/auth/password/forgot', { email: 'guesser@example.com' });
    const code = await gh.lastCode('guesser@example.com');
    for (let i = 0; i < 5; i++) expect(await reset('guesser@example.com', wrong(code))).toBe(400);
    expect(await reset('guesser@example.com', code)).toBe(400);
    now += 10 * minute + 1000;
    await gh.client().post('/auth/password/forgot', { email: 'guesser@example.com' });
    expect(await reset('guesser@example.com', await gh.lastCode('guesser@example.com'))).toBe(200);
  });

  it('gives twenty tries per day, however the ten-minute windows fall', async () => {
    const { id } = await gh.addUser('patient@example.com', password);
    for (let window = 0; window < 4; window++) {
      await gh.client().post('/auth/password/forgot', { email: 'patient@example.com' });
      const code = await gh.lastCode('patient@example.com');
      for (let i = 0; i < 5; i++) expect(await reset('patient@example.com', wrong(code))).toBe(400);
      now += 11 * minute;
    }
    await gh.client().post('/auth/password/forgot', { email: 'patient@example.com' });
    expect(await reset('patient@example.com', await gh.lastCode('patient@example.com'))).toBe(400);
    now += 24 * 60 * minute;
    await gh.client().post('/auth/password/forgot', { email: 'patient@example.com' });
    expect(await reset('patient@example.com', await gh.lastCode('patient@example.com'))).toBe(200);
    // A code that worked clears the count.
    expect(await gh.runtime.db.selectFrom('code_attempts').selectAll().where('user_id', '=', id).execute()).toEqual([]);
  });
});
