import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';

// A page that shows its API call's refusal is one refusal to the shield, not two.
describe('refusals behind a page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_BLOCK_AFTER_REFUSALS: '3' });
  });
  afterAll(() => server?.close());

  const confirmWithWrongCode = (email: string) =>
    server.client().request('POST', '/confirm', {
      body: new URLSearchParams({ email, code: '00000000' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
    });

  it('counts a refused form once: the block comes after the same number of refusals as through the API', async () => {
    for (const n of [1, 2, 3]) expect((await confirmWithWrongCode(`nobody${n}@example.com`)).status).toBe(400);
    // The fourth refusal crosses the limit of three, and blocks.
    expect((await confirmWithWrongCode('nobody4@example.com')).status).toBe(400);
    expect((await confirmWithWrongCode('nobody5@example.com')).status).toBe(429);
  });
});
