import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { findChannel } from '../../store/repositories/channels.js';
import type { ChannelRow } from '../../store/schema.js';
import type { Authorize } from '../Authorize.js';
import { channelEntity } from './channelEntity.js';

/**
 * Loads a channel and asks whether the caller may do `action` on it. A refusal answers 404
 * like a missing channel, so that nobody outside the pair learns that it exists.
 */
export async function memberChannel(runtime: Pick<Runtime, 'db'>, authorize: Authorize, action: 'ReadChannel' | 'PostToChannel', channelId: string): Promise<ChannelRow> {
  const channel = await findChannel(runtime.db, channelId);
  if (!channel || !authorize(action, channelEntity(channel))) throw new GatehouseError('NOT_FOUND', 'No such channel');
  return channel;
}
