import { randomUUID } from 'node:crypto';
import { appendEvent } from '../../audit/appendEvent.js';
import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { addressKey } from '../addressKey.js';
import { findBlockRow, saveBlock } from '../../store/repositories/shieldBlocks.js';
import type { ShieldBlockRow } from '../../store/schema.js';

/**
 * Blocks the client at `ip` by its `addressKey` (an IPv6 client's whole prefix, which the row
 * keeps) for a time that grows with each block of the same key (×4, from `firstBlockSeconds`
 * up to `maxBlockSeconds`), and records the block as an audit event of `shield.gatehouse`
 * from `ip` itself in the same transaction.
 */
export async function blockClient(runtime: Runtime, ip: string, reason: string): Promise<ShieldBlockRow> {
  const { firstBlockSeconds, maxBlockSeconds, ipv6Prefix } = runtime.config.shield;
  const key = addressKey(ip, ipv6Prefix);
  const now = runtime.clock();
  return runtime.db.transaction().execute(async (trx) => {
    const strikes = ((await findBlockRow(trx, key))?.strikes ?? 0) + 1;
    const seconds = Math.min(firstBlockSeconds * 4 ** (strikes - 1), maxBlockSeconds);
    const row: ShieldBlockRow = { ip: key, strikes, reason, blocked_at: isoAt(now), blocked_until: isoAt(now + seconds * 1000), lifted_at: null };
    await saveBlock(trx, row);
    await appendEvent(trx, {
      eventId: randomUUID(),
      eventTime: row.blocked_at,
      eventSource: 'shield.gatehouse',
      eventName: 'BlockClient',
      userIdentity: { type: 'Anonymous', principalId: null, sessionId: null, mfaAuthenticated: false },
      sourceIPAddress: ip,
      userAgent: null,
      requestParameters: { ip: key, reason },
      responseElements: { strikes, blockedUntil: row.blocked_until, seconds },
      errorCode: null,
      requestId: randomUUID(),
      readOnly: false,
      additionalEventData: {},
    });
    return row;
  });
}
