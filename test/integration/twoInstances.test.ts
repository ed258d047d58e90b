// Two servers, one PostgreSQL, one Redis: what a user does on one instance holds on the other.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectChainHolds } from '../support/auditChain.js';
import type { EventStream } from '../support/eventStream.js';
import { freshPostgresSchema, skipPostgres, type PostgresSchema } from '../support/postgres.js';
import { freshRedisPrefix, redisUrl, skipRedis } from '../support/redis.js';
import { startTestServer, type Answer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
const skip = skipPostgres || skipRedis;
let schema: PostgresSchema;
let a: TestServer;
let b: TestServer;
const ids: Record<string, string> = {};

const isStream = (value: EventStream | Answer): value is EventStream => !('status' in value);

/** A client of `server` carrying the session (cookie and CSRF token) that `from` holds. */
function sameSession(server: TestServer, from: Client): Client {
  const client = server.client();
  client.cookie = from.cookie;
  client.csrfToken = from.csrfToken;
  return client;
}

beforeAll(async () => {
  if (skip) return;
  schema = await freshPostgresSchema();
  const env = {
    GATEHOUSE_DATABASE_URL: schema.url,
    GATEHOUSE_DATABASE_POOL_MAX: '4',
    GATEHOUSE_REDIS_URL: redisUrl,
    GATEHOUSE_REDIS_PREFIX: freshRedisPrefix(),
    // What every instance of one deployment shares besides the database: its public origin
    // (the tokens' issuer), the HMAC and master keys.
    GATEHOUSE_PUBLIC_URL: 'https://gatehouse.test',
    GATEHOUSE_HMAC_KEY: randomBytes(32).toString('base64'),
    GATEHOUSE_MASTER_KEY: randomBytes(32).toString('base64'),
    GATEHOUSE_CHANNEL_HEARTBEAT_SECONDS: '1',
    // Few free failures per account, many per address: the account's count is what is shared.
    GATEHOUSE_SIGN_IN_FREE_FAILURES: '4',
    GATEHOUSE_SIGN_IN_FREE_FAILURES_PER_IP: '100',
  };
  a = await startTestServer(env);
  b = await startTestServer(env);
  ids.ann = (await a.addUser('ann@example.com', password, ['teachers'])).id;
  ids.bob = (await a.addUser('bob@example.com', password, ['students'])).id;
  ids.eve = (await a.addUser('eve@example.com', password, ['teachers'])).id;
});

afterAll(async () => {
  if (skip) return;
  await a?.close();
  await b?.close();
  await schema?.drop();
});

describe.skipIf(skip)('two instances on one PostgreSQL and one Redis', () => {
  it('takes a session made on A on B', async () => {
    const onA = a.client();
    expect((await onA.signIn('bob@example.com', password)).status).toBe(200);
    const onB = sameSession(b, onA);
    const session = await onB.get('/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.user.id).toBe(ids.bob);
    // An unsafe request on B with the CSRF token A gave: the instances share the key.
    expect((await onB.post('/api/orders', { items: [{ sku: 'pen', qty: 1 }] })).status).toBe(201);
  });

  it('refuses on B a session signed out on A, within 100 ms', async () => {
    const onA = a.client();
    await onA.signIn('bob@example.com', password);
    const onB = sameSession(b, onA);
    expect((await onB.get('/auth/session')).status).toBe(200);
    expect((await onA.post('/auth/sign-out')).status).toBe(204);
    const deadline = performance.now() + 100;
    let status = (await onB.get('/auth/session')).status;
    while (status !== 401 && performance.now() < deadline) {
      await sleep(10);
      status = (await onB.get('/auth/session')).status;
    }
    expect(status).toBe(401);
  });

  it('refuses on B, within 100 ms, an access token whose session signed out on A (revocation over Redis)', async () => {
    const onA = a.client();
    await onA.signIn('bob@example.com', password);
    const { accessToken } = (await onA.post('/auth/token')).body;
    const bearer = { authorization: `Bearer ${accessToken}` };
    // B now holds the session as live in its cache: only the announcement can end it there.
    expect((await b.client().get('/api/grades', bearer)).status).toBe(200);
    expect((await onA.post('/auth/sign-out')).status).toBe(204);
    const deadline = performance.now() + 100;
    let status = (await b.client().get('/api/grades', bearer)).status;
    while (status !== 401 && performance.now() < deadline) {
      await sleep(10);
      status = (await b.client().get('/api/grades', bearer)).status;
    }
    expect(status).toBe(401);
  });

  it('closes on B the event stream of a session signed out on A (revocation over Redis)', async () => {
    const onA = a.client();
    await onA.signIn('bob@example.com', password);
    const channelId = (await onA.post('/api/channels', { peerId: ids.ann })).body.channelId;
    const stream = await sameSession(b, onA).events(`/api/channels/${channelId}/events`);
    if (!isStream(stream)) throw new Error(`refused: ${stream.status}`);
    try {
      await stream.next((e) => e.comment === 'heartbeat');
      expect((await onA.post('/auth/sign-out')).status).toBe(204);
      await stream.closedByServer();
    } finally {
      stream.close();
    }
  });

  it('delivers a message posted on A to a subscriber on B, and lets no third user subscribe', async () => {
    const ann = a.client();
    await ann.signIn('ann@example.com', password);
    const bob = b.client();
    await bob.signIn('bob@example.com', password);
    const channelId = (await ann.post('/api/channels', { peerId: ids.bob })).body.channelId;
    expect((await bob.post('/api/channels', { peerId: ids.ann })).body.channelId).toBe(channelId);

    const stream = await bob.events(`/api/channels/${channelId}/events`);
    if (!isStream(stream)) throw new Error(`refused: ${stream.status}`);
    try {
      // The first heartbeat says the stream is subscribed before the post.
      await stream.next((e) => e.comment === 'heartbeat');
      const posted = await ann.post(`/api/channels/${channelId}/messages`, { text: 'from A to B' });
      expect(posted.status).toBe(201);
      const received = await stream.next((e) => e.event === 'message' && e.id === String(posted.body.id));
      expect(JSON.parse(received.data)).toMatchObject({ senderId: ids.ann, text: 'from A to B' });
    } finally {
      stream.close();
    }

    for (const server of [a, b]) {
      const eve = server.client();
      await eve.signIn('eve@example.com', password);
      const refused = await eve.events(`/api/channels/${channelId}/events`);
      expect(isStream(refused)).toBe(false);
      expect((refused as Answer).status).toBe(404);
      expect((await eve.post(`/api/channels/${channelId}/messages`, { text: 'let me in' })).status).toBe(404);
    }
  });

  it('counts failed sign-ins on A and B together', async () => {
    const wrong = { email: 'target@example.com', password: 'not the password' };
    await a.addUser(wrong.email, password);
    // Four free failures for the account, spread over both instances; each alone saw two.
    for (const server of [a, b, a, b]) expect((await server.client().post('/auth/sign-in', wrong)).status).toBe(401);
    for (const server of [a, b]) {
      const held = await server.client().post('/auth/sign-in', wrong);
      expect(held.status).toBe(429);
      expect(held.body.error.code).toBe('RATE_LIMITED');
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('keeps one audit chain that verifies after a mixed load on both', async () => {
    const teacherA = a.client();
    const teacherB = b.client();
    const studentA = a.client();
    const studentB = b.client();
    await Promise.all([
      teacherA.signIn('ann@example.com', password),
      teacherB.signIn('ann@example.com', password),
      studentA.signIn('bob@example.com', password),
      studentB.signIn('bob@example.com', password),
    ]);
    const channelId = (await teacherA.post('/api/channels', { peerId: ids.bob })).body.channelId;
    const work: Array<Promise<Answer>> = [];
    for (let i = 0; i < 12; i++) {
      const [teacher, student] = i % 2 ? [teacherA, studentB] : [teacherB, studentA];
      work.push(teacher.post('/api/grades', { studentId: ids.bob, course: `Course ${i}`, score: 50 + i }));
      work.push(student.get('/api/grades'));
      work.push(student.post(`/api/channels/${channelId}/messages`, { text: `message ${i}` }));
      work.push(student.post('/api/orders', { items: [{ sku: `sku-${i}`, qty: 1 }] }));
      work.push(a.client().post('/auth/sign-in', { email: 'nobody@example.com', password: 'wrong password!' }));
    }
    const answers = await Promise.all(work);
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    const length = await expectChainHolds(a.runtime.db);
    expect(length).toBeGreaterThanOrEqual(work.length);
  });
});
