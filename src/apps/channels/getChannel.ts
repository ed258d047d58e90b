import type { Runtime } from '../../runtime/Runtime.js';
import { listLatestMessages } from '../../store/repositories/channels.js';
import { emailsOfUsers } from '../../store/repositories/users.js';
import type { Authorize } from '../Authorize.js';
import { messageView, sealedText } from './channelEntity.js';
import { memberChannel } from './memberChannel.js';

// The history a page opens with; older messages stay in the store.
const historySize = 50;

/**
 * A channel as one of its members sees it: the other member and the newest messages, oldest
 * first. `lastSequence` is where a live stream (`?after=`) picks up. Anyone else gets 404.
 */
export async function getChannel(runtime: Pick<Runtime, 'db' | 'keyring'>, authorize: Authorize, input: { actorId: string; channelId: string }) {
  const channel = await memberChannel(runtime, authorize, 'ReadChannel', input.channelId);
  const messages = await listLatestMessages(runtime.db, channel.id, historySize);
  const peerId = channel.member_low === input.actorId ? channel.member_high : channel.member_low;
  const emails = await emailsOfUsers(runtime.db, [peerId]);
  return {
    channelId: channel.id,
    peer: { id: peerId, email: emails.get(peerId) ?? null },
    // The newest message read: a stream opened with `?after=` this value misses nothing and repeats nothing.
    lastSequence: messages.at(-1)?.sequence ?? 0,
    messages: messages.map((message) => messageView(message, runtime.keyring.openText(message.text, sealedText(message.id)))),
  };
}
