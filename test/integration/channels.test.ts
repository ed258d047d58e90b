import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStream } from '../support/eventStream.js';
import { startTestServer, type Answer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;
let ann: Client;
let bob: Client;
let eve: Client;
let annId: string;
let bobId: string;
let channelId: string;

const isStream = (value: EventStream | Answer): value is EventStream => !('status' in value);

beforeAll(async () => {
  gh = await startTestServer({ GATEHOUSE_CHANNEL_HEARTBEAT_SECONDS: '1' });
  annId = (await gh.addUser('ann@example.com', password)).id;
  bobId = (await gh.addUser('bob@example.com', password)).id;
  await gh.addUser('eve@example.com', password, ['teachers']);
  [ann, bob, eve] = [gh.client(), gh.client(), gh.client()];
  await ann.signIn('ann@example.com', password);
  await bob.signIn('bob@example.com', password);
  await eve.signIn('eve@example.com', password);
  channelId = (await ann.post('/api/channels', { peerId: bobId })).body.channelId;
});
afterAll(() => gh.close());

describe('private channels', () => {
  it('gives a pair one channel, whoever opens it', async () => {
    expect(channelId).toMatch(/^[\w-]+$/);
    const again = await ann.post('/api/channels', { peerId: bobId });
    const fromBob = await bob.post('/api/channels', { peerId: annId });
    expect(again.status).toBe(200);
    expect(again.body.channelId).toBe(channelId);
    expect(fromBob.body.channelId).toBe(channelId);
  });

  it('refuses a channel with oneself, an unknown peer, and bad input', async () => {
    expect((await ann.post('/api/channels', { peerId: annId })).body.error.code).toBe('VALIDATION_ERROR');
    expect((await ann.post('/api/channels', { peerId: 'nobody' })).status).toBe(404);
    expect((await ann.post('/api/channels', { peer: bobId })).status).toBe(400);
    expect((await gh.client().post('/api/channels', { peerId: bobId })).status).toBe(401);
    expect((await ann.post('/api/channels', { peerId: bobId }, { csrf: false })).body.error.code).toBe('CSRF');
  });

  it('delivers a message to the other member as a server-sent event, with heartbeats', async () => {
    const stream = await bob.events(`/api/channels/${channelId}/events`);
    if (!isStream(stream)) throw new Error(`refused: ${stream.status}`);
    try {
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await stream.next((e) => e.comment === 'heartbeat');
      const posted = await ann.post(`/api/channels/${channelId}/messages`, { text: 'hello bob' });
      expect(posted.status).toBe(201);
      const received = await stream.next((e) => e.event === 'message');
      expect(JSON.parse(received.data)).toEqual({ id: posted.body.id, channelId, senderId: annId, text: 'hello bob', sentAt: posted.body.sentAt });
      expect(received.id).toBe(String(posted.body.id));
    } finally {
      stream.close();
    }
  });

  it('resumes after Last-Event-ID from the stored messages, in order, across pages', async () => {
    const before = (await bob.post(`/api/channels/${channelId}/messages`, { text: 'mark' })).body.id as number;
    const texts = Array.from({ length: 230 }, (_, i) => `message ${i}`);
    for (const text of texts) expect((await ann.post(`/api/channels/${channelId}/messages`, { text })).status).toBe(201);
    const stream = await bob.events(`/api/channels/${channelId}/events`, { 'last-event-id': String(before) });
    if (!isStream(stream)) throw new Error(`refused: ${stream.status}`);
    try {
      await stream.next((e) => e.id === String(before + texts.length));
      const messages = stream.events.filter((e) => e.event === 'message');
      expect(messages.map((e) => JSON.parse(e.data).text)).toEqual(texts);
      expect(messages.map((e) => Number(e.id))).toEqual(texts.map((_, i) => before + 1 + i));
    } finally {
      stream.close();
    }
  });

  it('lets nobody else read or post, teachers included, as if the channel did not exist', async () => {
    const read = await eve.events(`/api/channels/${channelId}/events`);
    expect(isStream(read)).toBe(false);
    expect((read as Answer).status).toBe(404);
    expect((await eve.post(`/api/channels/${channelId}/messages`, { text: 'psst' })).status).toBe(404);
    expect((await eve.post('/api/channels/no-such-channel/messages', { text: 'psst' })).status).toBe(404);
    const anonymous = await gh.client().events(`/api/channels/${channelId}/events`);
    expect((anonymous as Answer).status).toBe(401);
  });

  it('refuses a malformed Last-Event-ID and an empty or oversized message', async () => {
    const bad = await bob.events(`/api/channels/${channelId}/events`, { 'last-event-id': 'abc' });
    expect((bad as Answer).status).toBe(400);
    expect((await ann.post(`/api/channels/${channelId}/messages`, { text: '' })).status).toBe(400);
    expect((await ann.post(`/api/channels/${channelId}/messages`, { text: 'x'.repeat(4001) })).status).toBe(400);
  });

  it('keeps the text of a message sealed at rest', async () => {
    const posted = await ann.post(`/api/channels/${channelId}/messages`, { text: 'sealed at rest' });
    const row = await gh.runtime.db.selectFrom('channel_messages').selectAll().where('channel_id', '=', channelId).where('sequence', '=', posted.body.id).executeTakeFirstOrThrow();
    expect(row.text).not.toContain('sealed at rest');
    expect(gh.runtime.keyring.openText(row.text, { table: 'channel_messages', column: 'text', rowId: row.id })).toBe('sealed at rest');
  });

  it('keeps the text of a private message out of the audit trail', async () => {
    await ann.post(`/api/channels/${channelId}/messages`, { text: 'the secret plan' });
    const rows = await gh.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', 'PostChannelMessage').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.body.includes('secret plan'))).toBe(false);
    expect(rows.some((row) => row.body.includes('"textLength":15'))).toBe(true);
  });

  it('closes a stream when its session signs out', async () => {
    const phone = gh.client();
    await phone.signIn('bob@example.com', password);
    const stream = await phone.events(`/api/channels/${channelId}/events`);
    if (!isStream(stream)) throw new Error(`refused: ${stream.status}`);
    try {
      expect((await phone.post('/auth/sign-out')).status).toBe(204);
      await stream.closedByServer();
    } finally {
      stream.close();
    }
  });
});
