import { Hono } from 'hono';
import { z } from 'zod';
import { authorizeCaller } from '../../http/authorizeCaller.js';
import type { HttpEnv } from '../../http/HttpEnv.js';
import { event } from '../../http/middleware/event.js';
import { readJson, readParams, readQuery } from '../../http/readInput.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { getChannel } from './getChannel.js';
import { listChannels } from './listChannels.js';
import { memberChannel } from './memberChannel.js';
import { openChannel } from './openChannel.js';
import { postMessage } from './postMessage.js';
import { streamChannel } from './streamChannel.js';

// Built once: zod compiles a schema on first use, so per-request schemas cost every request.
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const channelId = z.object({ id });
// The contract names the peer by id; pages name them by address, as people know each other.
const newChannel = z.union([z.strictObject({ peerId: id }), z.strictObject({ peerEmail: z.string().trim().min(3).max(320) })]);
// EventSource cannot send Last-Event-ID on its first request: a page that drew the history starts after it.
const streamQuery = z.strictObject({ after: z.string().regex(/^\d{1,9}$/, 'must be a message id').optional() });
const newMessage = z.strictObject({ text: z.string().min(1).max(4000) });

/** Private channels between two users (the IoT example). Mounted after `requireCaller`. */
export function channelRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  // A channel is between two users: a machine client (bearer of client_credentials) has none.
  app.use(async (c, next) => {
    if (!c.var.caller) throw new GatehouseError('ACCESS_DENIED', 'Channels are between users; a machine client has none');
    await next();
  });

  app.post('/', event('OpenChannel'), async (c) => {
    const input = await readJson(c, newChannel);
    return c.json(await openChannel(runtime, authorizeCaller(c, runtime.authorizer), { actorId: c.var.caller!.user.id, ...input }, c.var.transact));
  });

  app.get('/', event('ListChannels'), async (c) => c.json({ channels: await listChannels(runtime, authorizeCaller(c, runtime.authorizer), c.var.caller!.user.id) }));

  app.get('/:id', event('GetChannel'), async (c) => {
    const { id: channel } = readParams(c, channelId);
    return c.json(await getChannel(runtime, authorizeCaller(c, runtime.authorizer), { actorId: c.var.caller!.user.id, channelId: channel }));
  });

  app.post('/:id/messages', event('PostChannelMessage', 201), async (c) => {
    const { id: channel } = readParams(c, channelId);
    const { text } = await readJson(c, newMessage);
    // The trail keeps that a member spoke and how much, not what: the channel is private.
    c.set('requestParameters', { id: channel, textLength: text.length });
    const message = await postMessage(runtime, authorizeCaller(c, runtime.authorizer), { actorId: c.var.caller!.user.id, channelId: channel, text }, c.var.transact);
    return c.json(message, 201);
  });

  app.get('/:id/events', event('SubscribeChannel'), async (c) => {
    const { id: channel } = readParams(c, channelId);
    const { after } = readQuery(c, streamQuery);
    // A reconnecting EventSource sends Last-Event-ID, which is newer than the page's `after`.
    const resume = c.req.header('last-event-id') ?? after;
    if (resume !== undefined && !/^\d{1,9}$/.test(resume)) throw new GatehouseError('VALIDATION_ERROR', 'Last-Event-ID: must be a message id');
    const found = await memberChannel(runtime, authorizeCaller(c, runtime.authorizer), 'ReadChannel', channel);
    return streamChannel(c, runtime, {
      channelId: found.id,
      // Without Last-Event-ID (or `after`) the stream starts at what is new; with it, right after that message.
      afterSequence: resume !== undefined ? Number(resume) : found.last_sequence,
      endsAt: Date.parse(c.var.caller!.expiresAt),
      sessionId: c.var.caller!.session.id,
    });
  });

  return app;
}
