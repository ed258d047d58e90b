import type { CedarEntity } from '../../authz/index.js';
import type { SealedField } from '../../crypto/keyring/Keyring.js';
import type { ChannelMessageRow, ChannelRow } from '../../store/schema.js';
import { entityRef } from '../Authorize.js';

/** The Cedar entity of a channel: policies read its `members`, the pair. */
export function channelEntity(channel: Pick<ChannelRow, 'id' | 'member_low' | 'member_high'>): CedarEntity {
  return { uid: { type: 'Channel', id: channel.id }, attrs: { members: [entityRef('User', channel.member_low), entityRef('User', channel.member_high)] }, parents: [] };
}

/** The broadcast topic that tells every instance a channel has a new message. */
export function channelTopic(channelId: string): string {
  return `channel:${channelId}`;
}

/** Where a message's text is sealed: bound to the message's row id. */
export function sealedText(messageId: string): SealedField {
  return { table: 'channel_messages', column: 'text', rowId: messageId };
}

/** A message as the members see it, with its opened `text`; `id` is its sequence in the channel (the SSE event id). */
export function messageView(message: ChannelMessageRow, text: string | undefined) {
  return { id: message.sequence, channelId: message.channel_id, senderId: message.sender_id, text, sentAt: message.sent_at };
}
