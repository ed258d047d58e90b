import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

let server: TestServer;
const heard: string[][] = [];
beforeAll(async () => {
  server = await startTestServer();
  server.runtime.sessionRevocations.onRevoked((ids) => heard.push(ids));
});
afterAll(() => server?.close());

const password = 'walnut ferry lantern 9';

async function signedIn(email: string, userAgent = 'test-agent'): Promise<{ client: Client; sessionId: string }> {
  const client = server.client();
  const answer = await client.request('POST', '/auth/sign-in', { json: { email, password }, headers: { 'user-agent': userAgent } });
  expect(answer.body.status).toBe('SIGNED_IN');
  client.csrfToken = answer.body.csrfToken;
  return { client, sessionId: (await client.get('/auth/session')).body.session.id };
}

async function lastEvent(name: string) {
  const row = await server.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', name).orderBy('sequence', 'desc').limit(1).executeTakeFirstOrThrow();
  return JSON.parse(row.body);
}

describe('the caller\'s sessions', () => {
  it('lists only the caller\'s live sessions, its own marked current, never a token', async () => {
    await server.addUser('lee@sessions.test', password);
    await server.addUser('other@sessions.test', password);
    const laptop = await signedIn('lee@sessions.test', 'Laptop browser');
    const phone = await signedIn('lee@sessions.test', 'Phone browser');
    const ended = await signedIn('lee@sessions.test');
    await ended.client.post('/auth/sign-out');
    await signedIn('other@sessions.test');

    const answer = await laptop.client.get('/auth/sessions');
    expect(answer.status).toBe(200);
    const sessions = answer.body.sessions as Array<Record<string, unknown>>;
    expect(sessions.map((s) => s.id).sort()).toEqual([laptop.sessionId, phone.sessionId].sort());
    expect(sessions.find((s) => s.id === laptop.sessionId)).toMatchObject({ current: true, mfa: false, userAgent: 'Laptop browser', sourceIp: '127.0.0.1' });
    expect(sessions.find((s) => s.id === phone.sessionId)).toMatchObject({ current: false, userAgent: 'Phone browser' });
    expect(Object.keys(sessions[0]!).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'lastSeenAt', 'mfa', 'sourceIp', 'userAgent']);
    expect(laptop.client.cookie && answer.text.includes(laptop.client.cookie)).toBe(false);
    expect((await lastEvent('ListSessions')).userIdentity.principalId).toBeTruthy();
  });

  it('refuses without a session', async () => {
    const answer = await server.client().get('/auth/sessions');
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('ends another of the caller\'s sessions at once, announced, and audited', async () => {
    await server.addUser('kai@sessions.test', password);
    const desk = await signedIn('kai@sessions.test');
    const train = await signedIn('kai@sessions.test');
    heard.length = 0;
    const answer = await desk.client.request('DELETE', `/auth/sessions/${train.sessionId}`);
    expect(answer.status).toBe(204);
    expect(heard).toEqual([[train.sessionId]]);
    expect((await train.client.get('/auth/session')).status).toBe(401);
    expect((await desk.client.get('/auth/session')).status).toBe(200);
    const event = await lastEvent('EndSession');
    expect(event.errorCode ?? null).toBeNull();
    expect(event.userIdentity.sessionId).toBe(desk.sessionId);
  });

  it('refuses at once the access tokens of a session ended from another one', async () => {
    await server.addUser('max@sessions.test', password);
    const desk = await signedIn('max@sessions.test');
    const phone = await signedIn('max@sessions.test');
    const { accessToken } = (await phone.client.post('/auth/token')).body;
    const bearer = { authorization: `Bearer ${accessToken}` };
    // The token's session is now held as live by the bearer check: only the announcement ends it there.
    expect((await server.client().get('/api/orders', bearer)).status).toBe(200);
    expect((await desk.client.request('DELETE', `/auth/sessions/${phone.sessionId}`)).status).toBe(204);
    expect((await server.client().get('/api/orders', bearer)).status).toBe(401);
  });

  it('answers 404 for another user\'s session and one already ended, and ends nothing', async () => {
    await server.addUser('ann@sessions.test', password);
    await server.addUser('bob@sessions.test', password);
    const ann = await signedIn('ann@sessions.test');
    const bob = await signedIn('bob@sessions.test');
    const theirs = await ann.client.request('DELETE', `/auth/sessions/${bob.sessionId}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('NOT_FOUND');
    expect((await bob.client.get('/auth/session')).status).toBe(200);
    const other = await signedIn('ann@sessions.test');
    await other.client.post('/auth/sign-out');
    expect((await ann.client.request('DELETE', `/auth/sessions/${other.sessionId}`)).status).toBe(404);
  });

  it('ending the current session signs out and clears the cookie', async () => {
    await server.addUser('eve@sessions.test', password);
    const { client, sessionId } = await signedIn('eve@sessions.test');
    const answer = await client.request('DELETE', `/auth/sessions/${sessionId}`);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('set-cookie')).toMatch(/__Host-gatehouse=;/);
    expect((await client.get('/auth/session')).status).toBe(401);
  });

  it('validates the id, and needs the CSRF token', async () => {
    await server.addUser('ida@sessions.test', password);
    const { client, sessionId } = await signedIn('ida@sessions.test');
    const bad = await client.request('DELETE', '/auth/sessions/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    const noCsrf = await client.request('DELETE', `/auth/sessions/${sessionId}`, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF');
    expect((await client.get('/auth/session')).status).toBe(200);
  });
});
