import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { appendChannelMessage } from '../../store/repositories/channels.js';
import type { Transact } from '../../store/Transact.js';
import type { Authorize } from '../Authorize.js';
import { channelTopic, messageView, sealedText } from './channelEntity.js';
import { memberChannel } from './memberChannel.js';

/** A member posts to the channel; every instance's subscribers hear of it once it is committed. */
export async function postMessage(runtime: Pick<Runtime, 'db' | 'clock' | 'broadcast' | 'keyring'>, authorize: Authorize, input: { actorId: string; channelId: string; text: string }, transact: Transact) {
  const channel = await memberChannel(runtime, authorize, 'PostToChannel', input.channelId);
  const id = randomUUID();
  const sentAt = isoAt(runtime.clock());
  const text = runtime.keyring.seal(input.text, sealedText(id));
  const message = await transact(async (trx) => {
    const row = await appendChannelMessage(trx, { id, channel_id: channel.id, sender_id: input.actorId, text, sent_at: sentAt });
    // What the transaction returns is the audit event's response: the message's place, not its text.
    return messageView(row, undefined);
  });
  // Only the sequence travels: subscribers read the message from the store, members only.
  runtime.broadcast.publish(channelTopic(channel.id), String(message.id));
  return { ...message, text: input.text };
}
