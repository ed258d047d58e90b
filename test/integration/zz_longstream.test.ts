import { expect, it } from 'vitest';
import { startTestServer } from '../support/testServer.js';
it('long stream', async () => {
  const gh = await startTestServer({ GATEHOUSE_CHANNEL_HEARTBEAT_SECONDS: '5' });
  const password = 'correct horse battery staple';
  await gh.addUser('a@example.com', password);
  const b = await gh.addUser('b@example.com', password);
  const c = gh.client();
  await c.signIn('a@example.com', password);
  const id = (await c.post('/api/channels', { peerId: b.id })).body.channelId;
  const s: any = await c.events(`/api/channels/${id}/events`);
  await new Promise((r) => setTimeout(r, 40_000));
  await c.post(`/api/channels/${id}/messages`, { text: 'late' });
  await s.next((e: any) => e.event === 'message');
  expect(s.events.filter((e: any) => e.comment === 'heartbeat').length).toBeGreaterThan(5);
  s.close();
  await gh.close();
}, 60_000);
