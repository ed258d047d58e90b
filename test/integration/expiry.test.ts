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
    const code = gh.lastCode('late@example.com');
    now += 10 * minute + 1000;
    const answer = await c.post('/auth/confirm', { email: 'late@example.com', code });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
  });

  it('accepts a confirmation code within 10 minutes', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'prompt@example.com', password });
    const code = gh.lastCode('prompt@example.com');
    now += 9 * minute;
    expect((await c.post('/auth/confirm', { email: 'prompt@example.com', code })).status).toBe(200);
  });
});
