import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listActiveBlocks } from '../../store/repositories/shieldBlocks.js';

/** A block as administrators see it. */
export interface ClientBlock {
  ip: string;
  strikes: number;
  reason: string;
  blockedAt: string;
  blockedUntil: string;
}

/** The blocks in force now, newest first. */
export async function listClientBlocks(runtime: Runtime): Promise<ClientBlock[]> {
  const rows = await listActiveBlocks(runtime.db, isoAt(runtime.clock()));
  return rows.map((row) => ({ ip: row.ip, strikes: Number(row.strikes), reason: row.reason, blockedAt: row.blocked_at, blockedUntil: row.blocked_until }));
}
