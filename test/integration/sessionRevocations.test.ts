import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';

let server: TestServer;
const heard: string[][] = [];
beforeAll(async () => {
  server = await startTestServer();
  server.runtime.sessionRevocations.onRevoked((ids) => heard.push(ids));
});
afterAll(() => server.close());

const password = 'plum tomato harbour 42';

describe('announcing ended sessions', () => {
  it('announces the session a sign-out ends, after it ended', async () => {
    await server.addUser('one@school.test', password);
    const client = server.client();
    await client.signIn('one@school.test', password);
    const { body } = await client.get('/auth/session');
    heard.length = 0;
    expect((await client.post('/auth/sign-out')).status).toBe(204);
    expect(heard).toEqual([[body.session.id]]);
  });

  it('announces every session a global sign-out and a password change end, and nothing for none', async () => {
    await server.addUser('two@school.test', password);
    const [a, b, c] = [server.client(), server.client(), server.client()];
    for (const client of [a, b, c]) await client.signIn('two@school.test', password);
    const ids = await Promise.all([a, b, c].map(async (client) => (await client.get('/auth/session')).body.session.id as string));
    heard.length = 0;
    expect((await a.post('/auth/password/change', { currentPassword: password, password: 'quince lantern meadow 7' })).status).toBe(200);
    expect(heard.flat().sort()).toEqual([ids[1], ids[2]].sort());
    heard.length = 0;
    expect((await a.post('/auth/sign-out/all')).status).toBe(204);
    expect(heard).toEqual([[ids[0]]]);
  });
});
