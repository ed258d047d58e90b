import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { isDisabled } from '../../identity/accountDisabled.js';
import { normalizeEmail } from '../../identity/normalizeEmail.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { openChannelOfPair } from '../../store/repositories/channels.js';
import { findUserByEmail, findUserById } from '../../store/repositories/users.js';
import type { Transact } from '../../store/Transact.js';
import type { Authorize } from '../Authorize.js';

/** The other member, named by id (the contract) or by e-mail address (as people know each other). */
export type PeerName = { peerId: string } | { peerEmail: string };

/** Opens (or finds) the one channel between the caller and the peer. */
export async function openChannel(runtime: Pick<Runtime, 'db' | 'clock'>, authorize: Authorize, input: { actorId: string } & PeerName, transact: Transact) {
  const field = 'peerId' in input ? 'peerId' : 'peerEmail';
  const peer = 'peerId' in input ? await findUserById(runtime.db, input.peerId) : await findUserByEmail(runtime.db, normalizeEmail(input.peerEmail));
  if (peer?.id === input.actorId) {
    throw new GatehouseError('VALIDATION_ERROR', `${field}: must be another user`, { details: { issues: [{ field, message: 'must be another user' }] } });
  }
  // An unconfirmed or disabled account cannot sign in to read, so it is not a peer either.
  if (!peer || !peer.confirmed_at || isDisabled(peer, runtime.clock())) throw new GatehouseError('NOT_FOUND', 'No such user');
  if (!authorize('OpenChannel', { uid: { type: 'User', id: peer.id }, attrs: {}, parents: [] })) {
    throw new GatehouseError('ACCESS_DENIED', 'You may not open a channel with this user');
  }
  const at = isoAt(runtime.clock());
  return transact(async (trx) => ({ channelId: await openChannelOfPair(trx, { a: input.actorId, b: peer.id, newId: randomUUID(), at }) }));
}
