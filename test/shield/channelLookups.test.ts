import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';

// Opening a channel by e-mail tells whether the address has an account: it is held to the
// per-route limit, as sign-up and forgot-password are, so nobody sweeps an address list.
describe('opening channels by e-mail', () => {
  let gh: TestServer;
  beforeAll(async () => {
    gh = await startTestServer({ GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '3' });
  });
  afterAll(() => gh?.close());

  it('is limited per address like the other routes that tell whether an account exists', async () => {
    await gh.addUser('mo@school.test', password);
    const client = gh.client();
    expect((await client.signIn('mo@school.test', password)).status).toBe(200);
    const statuses: number[] = [];
    for (const n of [1, 2, 3]) statuses.push((await client.post('/api/channels', { peerEmail: `nobody${n}@school.test` })).status);
    expect(statuses).toEqual([404, 404, 404]);
    const limited = await client.post('/api/channels', { peerEmail: 'nobody4@school.test' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
