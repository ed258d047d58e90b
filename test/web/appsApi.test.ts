import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStream } from '../support/eventStream.js';
import { startTestServer, type Answer, type Client, type TestServer } from '../support/testServer.js';

// The reads the pages need, added to the JSON API: each is Cedar-authorized and scoped to the caller.
const password = 'correct horse battery staple';
let gh: TestServer;
let teacher: Client;
let ada: Client;
let ben: Client;
let adaId: string;
let benId: string;

const isStream = (value: EventStream | Answer): value is EventStream => !('status' in value);

beforeAll(async () => {
  gh = await startTestServer();
  await gh.addUser('teacher@school.test', password, ['teachers']);
  adaId = (await gh.addUser('ada@school.test', password, ['students'])).id;
  benId = (await gh.addUser('ben@school.test', password, ['students'])).id;
  await gh.addUser('carl@shop.test', password);
  [teacher, ada, ben] = [gh.client(), gh.client(), gh.client()];
  await teacher.signIn('teacher@school.test', password);
  await ada.signIn('ada@school.test', password);
  await ben.signIn('ben@school.test', password);
});
afterAll(() => gh.close());

describe('GET /api/grades/students', () => {
  it('lists the students group to a teacher, by id and e-mail', async () => {
    const answer = await teacher.get('/api/grades/students');
    expect(answer.status).toBe(200);
    expect(answer.body.students).toEqual([
      { id: adaId, email: 'ada@school.test' },
      { id: benId, email: 'ben@school.test' },
    ]);
  });

  it('refuses a student (403)', async () => {
    const answer = await ada.get('/api/grades/students');
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('ACCESS_DENIED');
  });
});

describe('GET /api/orders', () => {
  it("lists the caller's own orders only, newest first", async () => {
    const first = await ada.post('/api/orders', { items: [{ sku: 'PEN-1', qty: 2 }] });
    const second = await ada.post('/api/orders', { items: [{ sku: 'INK-7', qty: 1 }] });
    const other = await ben.post('/api/orders', { items: [{ sku: 'PAD-3', qty: 5 }] });
    const own = await ada.get('/api/orders');
    expect(own.status).toBe(200);
    expect(own.body.orders.map((order: { id: string }) => order.id)).toEqual(expect.arrayContaining([first.body.id, second.body.id]));
    expect(own.body.orders.every((order: { ownerId: string }) => order.ownerId === adaId)).toBe(true);
    expect(own.body.orders.map((order: { id: string }) => order.id)).not.toContain(other.body.id);
  });

  it('refuses a caller who is not signed in (401)', async () => {
    expect((await gh.client().get('/api/orders')).status).toBe(401);
  });
});

describe('channels by e-mail, listed, with history', () => {
  let channelId: string;

  it('opens the pair\'s one channel by the peer\'s e-mail, as by id', async () => {
    const byEmail = await ada.post('/api/channels', { peerEmail: ' Ben@School.test ' });
    expect(byEmail.status).toBe(200);
    channelId = byEmail.body.channelId;
    expect((await ben.post('/api/channels', { peerId: adaId })).body.channelId).toBe(channelId);
  });

  it('refuses oneself, an unknown address, and both names at once', async () => {
    const self = await ada.post('/api/channels', { peerEmail: 'ada@school.test' });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('VALIDATION_ERROR');
    expect((await ada.post('/api/channels', { peerEmail: 'nobody@school.test' })).status).toBe(404);
    expect((await ada.post('/api/channels', { peerId: benId, peerEmail: 'ben@school.test' })).status).toBe(400);
  });

  it("lists a member's channels with the other member, and nobody else's", async () => {
    const listed = await ada.get('/api/channels');
    expect(listed.status).toBe(200);
    expect(listed.body.channels).toEqual([expect.objectContaining({ channelId, peer: { id: benId, email: 'ben@school.test' } })]);
    expect((await teacher.get('/api/channels')).body.channels).toEqual([]);
  });

  it('shows the history to the members only; anyone else gets 404', async () => {
    await ada.post(`/api/channels/${channelId}/messages`, { text: 'first' });
    const second = await ben.post(`/api/channels/${channelId}/messages`, { text: 'second' });
    const history = await ben.get(`/api/channels/${channelId}`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ channelId, peer: { id: adaId, email: 'ada@school.test' }, lastSequence: second.body.id });
    expect(history.body.messages.map((message: { text: string }) => message.text)).toEqual(['first', 'second']);
    const outsider = await teacher.get(`/api/channels/${channelId}`);
    expect(outsider.status).toBe(404);
    expect(outsider.text).not.toContain('first');
  });

  it('streams from ?after= when the page drew the history up to there', async () => {
    const history = await ada.get(`/api/channels/${channelId}`);
    const after = history.body.lastSequence as number;
    const posted = await ben.post(`/api/channels/${channelId}/messages`, { text: 'sent before the stream opened' });
    const stream = await ada.events(`/api/channels/${channelId}/events?after=${after}`);
    if (!isStream(stream)) throw new Error(`refused: ${stream.status}`);
    try {
      const received = await stream.next((event) => event.event === 'message');
      expect(received.id).toBe(String(posted.body.id));
      expect(JSON.parse(received.data).text).toBe('sent before the stream opened');
    } finally {
      stream.close();
    }
    const bad = await ada.events(`/api/channels/${channelId}/events?after=x`);
    expect(isStream(bad) ? 0 : bad.status).toBe(400);
  });
});
