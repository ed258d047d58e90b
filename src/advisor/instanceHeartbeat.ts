import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Store } from '../store/openDatabase.js';

/** How often a serving instance says it is alive; the advisor counts instances seen within three beats. */
export const HEARTBEAT_MS = 60_000;

/**
 * How long the row of an instance that stopped beating without removing it (a crash, a killed
 * container) is kept: a day, far past the advisor's three beats, so that no clock skew between
 * instances purges a live one, while the table stays the size of the fleet.
 */
export const STALE_INSTANCE_MS = 86_400_000;

type InstanceRow = { id: string; host: string; pid: number; limiter_store: string; started_at: string };

/**
 * Records this serving instance in the store (host, pid, where its rate limits live) and
 * refreshes it every minute, so the advisor can tell when several instances share a database
 * while each keeps its limits in memory. Never throws; returns the function that stops and removes it.
 */
export async function startInstanceHeartbeat(runtime: Pick<Runtime, 'db' | 'clock' | 'logger' | 'redis'>, everyMs = HEARTBEAT_MS): Promise<() => Promise<void>> {
  const row: InstanceRow = { id: randomUUID(), host: os.hostname(), pid: process.pid, limiter_store: runtime.redis ? 'redis' : 'memory', started_at: isoAt(runtime.clock()) };
  try {
    await writeHeartbeat(runtime.db, row, runtime.clock());
  } catch (error) {
    // A missing heartbeat costs the advisor one fact; it must not stop a server that is already listening.
    runtime.logger.warn({ err: error }, 'instance heartbeat could not be recorded');
    return async () => {};
  }
  const beat = setInterval(() => {
    writeHeartbeat(runtime.db, row, runtime.clock()).catch((error: unknown) => runtime.logger.warn({ err: error }, 'instance heartbeat failed'));
  }, everyMs);
  // The heartbeat never keeps a process alive on its own.
  beat.unref();
  return async () => {
    clearInterval(beat);
    await runtime.db.deleteFrom('instances').where('id', '=', row.id).execute().catch((error: unknown) => runtime.logger.warn({ err: error }, 'instance heartbeat removal failed'));
  };
}

/**
 * One beat, in one transaction: this instance's row seen `now` (written again if a peer purged it,
 * or a restore lost it), and the rows of instances silent past STALE_INSTANCE_MS purged.
 */
async function writeHeartbeat(db: Store, row: InstanceRow, now: number): Promise<void> {
  const seen = isoAt(now);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('instances')
      .values({ ...row, last_seen_at: seen })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ last_seen_at: seen }))
      .execute();
    await trx.deleteFrom('instances').where('last_seen_at', '<', isoAt(now - STALE_INSTANCE_MS)).execute();
  });
}
