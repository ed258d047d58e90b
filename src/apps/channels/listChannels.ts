import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listChannelsOfMember } from '../../store/repositories/channels.js';
import { emailsOfUsers } from '../../store/repositories/users.js';
import type { Authorize } from '../Authorize.js';

// The newest channels only: what one page lists.
const maxChannels = 100;

/** The caller's channels, newest first, each with the other member; the resource is the caller, so nobody lists another's. */
export async function listChannels(runtime: Pick<Runtime, 'db'>, authorize: Authorize, userId: string) {
  if (!authorize('ListChannels', { uid: { type: 'User', id: userId }, attrs: {}, parents: [] })) {
    throw new GatehouseError('ACCESS_DENIED', 'Users list only their own channels');
  }
  const channels = await listChannelsOfMember(runtime.db, userId, maxChannels);
  const peerOf = (channel: { member_low: string; member_high: string }) => (channel.member_low === userId ? channel.member_high : channel.member_low);
  const emails = await emailsOfUsers(runtime.db, [...new Set(channels.map(peerOf))]);
  return channels.map((channel) => ({ channelId: channel.id, peer: { id: peerOf(channel), email: emails.get(peerOf(channel)) ?? null }, lastSequence: channel.last_sequence, createdAt: channel.created_at }));
}
