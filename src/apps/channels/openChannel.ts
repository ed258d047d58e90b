import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { openChannelOfPair } from '../../store/repositories/channels.js';
import { findUserById } from '../../store/repositories/users.js';
import type { Transact } from '../../store/Transact.js';
import type { Authorize } from '../Authorize.js';

/** Opens (or finds) the one channel between the caller and `peerId`. */
export async function openChannel(runtime: Pick<Runtime, 'db' | 'clock'>, authorize: Authorize, input: { actorId: string; peerId: string }, transact: Transact) {
  if (input.peerId === input.actorId) throw new GatehouseError('VALIDATION_ERROR', 'peerId: must be another user');
  const peer = await findUserById(runtime.db, input.peerId);
  // An unconfirmed or disabled account cannot sign in to read, so it is not a peer either.
  if (!peer || !peer.confirmed_at || peer.disabled_at) throw new GatehouseError('NOT_FOUND', 'No such user');
  if (!authorize('OpenChannel', { uid: { type: 'User', id: peer.id }, attrs: {}, parents: [] })) {
    throw new GatehouseError('ACCESS_DENIED', 'You may not open a channel with this user');
  }
  const at = isoAt(runtime.clock());
  return transact(async (trx) => ({ channelId: await openChannelOfPair(trx, { a: input.actorId, b: peer.id, newId: randomUUID(), at }) }));
}
