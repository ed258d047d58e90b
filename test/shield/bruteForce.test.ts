import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { auditEvents, statusCounts } from './support.js';

const password = 'a long and unguessed passphrase';
let gh: TestServer;

beforeAll(async () => {
  // Per-account failures: 3 free; per (account, address): 5 free. The real defaults are 10 and 5.
  gh = await startTestServer({ GATEHOUSE_SIGN_IN_FREE_FAILURES: '3', GATEHOUSE_SIGN_IN_FREE_FAILURES_PER_IP: '5' });
});
afterAll(() => gh?.close());

describe('brute force on sign-in', () => {
  it('lets at most the limit of 50 parallel wrong passwords through, and answers the rest 429 with Retry-After', async () => {
    await gh.addUser('parallel@example.com', password);
    const c = gh.client();
    const answers = await Promise.all(Array.from({ length: 50 }, () => c.post('/auth/sign-in', { email: 'parallel@example.com', password: 'wrong password here' })));
    const counts = statusCounts(answers.map((a) => a.status));
    // The account's 3 free failures: no fourth password check starts before the 30 s wait.
    expect(counts[401]).toBe(3);
    expect(counts[429]).toBe(47);
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    }
    // The right password is held back too while the wait runs: the lock says nothing about the password.
    const right = await c.post('/auth/sign-in', { email: 'parallel@example.com', password });
    expect(right.status).toBe(429);
    // Each refusal is an audit event.
    const refusals = (await auditEvents(gh)).filter((e) => e.eventName === 'SignIn' && e.errorCode === 'RATE_LIMITED');
    expect(refusals.length).toBeGreaterThanOrEqual(48);
  });

  it('holds back an unknown e-mail the same way, so a lock reveals nothing', async () => {
    const c = gh.client();
    const answers = await Promise.all(Array.from({ length: 50 }, () => c.post('/auth/sign-in', { email: 'nobody-here@example.com', password: 'wrong password here' })));
    const counts = statusCounts(answers.map((a) => a.status));
    expect(counts[401]).toBe(3);
    expect(counts[429]).toBe(47);
  });

  it('lets the owner of a locked account reset the password, and sign in after', async () => {
    await gh.addUser('victim@example.com', password);
    const attacker = gh.client({ localAddress: '127.0.0.2' });
    for (let i = 0; i < 6; i += 1) await attacker.post('/auth/sign-in', { email: 'victim@example.com', password: 'not the password' });
    const owner = gh.client({ localAddress: '127.0.0.4' });
    expect((await owner.post('/auth/sign-in', { email: 'victim@example.com', password })).status).toBe(429);

    expect((await owner.post('/auth/password/forgot', { email: 'victim@example.com' })).status).toBe(202);
    const code = await gh.lastCode('victim@example.com');
    const reset = await owner.post('/auth/password/reset', { email: 'victim@example.com', code, password: 'a brand new passphrase' });
    expect(reset.status).toBe(200);
    expect((await owner.signIn('victim@example.com', 'a brand new passphrase')).status).toBe(200);
  });

  it('holds an address that signed in before only to its own count', async () => {
    await gh.addUser('regular@example.com', password);
    const owner = gh.client({ localAddress: '127.0.0.3' });
    expect((await owner.signIn('regular@example.com', password)).status).toBe(200);

    const attacker = gh.client({ localAddress: '127.0.0.2' });
    for (let i = 0; i < 4; i += 1) await attacker.post('/auth/sign-in', { email: 'regular@example.com', password: 'not the password' });
    // The account's count holds everyone else back…
    expect((await gh.client({ localAddress: '127.0.0.5' }).post('/auth/sign-in', { email: 'regular@example.com', password })).status).toBe(429);
    // …but not the address the owner signed in from before.
    expect((await owner.signIn('regular@example.com', password)).status).toBe(200);
  });

  it('clears the count on a success', async () => {
    await gh.addUser('typo@example.com', password);
    const c = gh.client({ localAddress: '127.0.0.6' });
    for (let round = 0; round < 3; round += 1) {
      // Two typos then the right password, three times over: six failures in all, never held back.
      expect((await c.post('/auth/sign-in', { email: 'typo@example.com', password: 'typo one' })).status).toBe(401);
      expect((await c.post('/auth/sign-in', { email: 'typo@example.com', password: 'typo two' })).status).toBe(401);
      expect((await c.post('/auth/sign-in', { email: 'typo@example.com', password })).status).toBe(200);
    }
  });
});
