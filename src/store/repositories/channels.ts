import type { Store } from '../openDatabase.js';
import type { ChannelMessageRow, ChannelRow } from '../schema.js';

/** The pair in the order the store keeps it. */
export function sortedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** The id of the channel of users `a` and `b`, created as `newId` if they have none; one id per pair, even when both open it at once. */
export async function openChannelOfPair(db: Store, input: { a: string; b: string; newId: string; at: string }): Promise<string> {
  const [low, high] = sortedPair(input.a, input.b);
  await db
    .insertInto('channels')
    .values({ id: input.newId, member_low: low, member_high: high, last_sequence: 0, created_at: input.at })
    .onConflict((oc) => oc.columns(['member_low', 'member_high']).doNothing())
    .execute();
  const row = await db.selectFrom('channels').select('id').where('member_low', '=', low).where('member_high', '=', high).executeTakeFirstOrThrow();
  return row.id;
}

/** Finds a channel by id. */
export function findChannel(db: Store, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Appends a message with the channel's next sequence; `text` is already sealed. The counter's update locks the
 * channel's row (PostgreSQL) or the database (SQLite) until commit, so posts to one channel
 * get gap-free sequences in commit order.
 */
export async function appendChannelMessage(trx: Store, input: Omit<ChannelMessageRow, 'sequence'>): Promise<ChannelMessageRow> {
  const { last_sequence } = await trx
    .updateTable('channels')
    .set((eb) => ({ last_sequence: eb('last_sequence', '+', 1) }))
    .where('id', '=', input.channel_id)
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  const row = { ...input, sequence: last_sequence };
  await trx.insertInto('channel_messages').values(row).execute();
  return row;
}

/** Up to `limit` messages after `afterSequence`, oldest first. */
export function listMessagesAfter(db: Store, channelId: string, afterSequence: number, limit: number): Promise<ChannelMessageRow[]> {
  return db
    .selectFrom('channel_messages')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('sequence', '>', afterSequence)
    .orderBy('sequence')
    .limit(limit)
    .execute();
}

/** Up to `limit` channels that `userId` is a member of, newest first. */
export function listChannelsOfMember(db: Store, userId: string, limit: number): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where((eb) => eb.or([eb('member_low', '=', userId), eb('member_high', '=', userId)]))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The newest `limit` messages of a channel, oldest first. */
export async function listLatestMessages(db: Store, channelId: string, limit: number): Promise<ChannelMessageRow[]> {
  const newest = await db.selectFrom('channel_messages').selectAll().where('channel_id', '=', channelId).orderBy('sequence', 'desc').limit(limit).execute();
  return newest.reverse();
}
