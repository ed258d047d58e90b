import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';

/** How often a serving instance says it is alive; the advisor counts instances seen within three beats. */
export const HEARTBEAT_MS = 60_000;

/**
 * Records this serving instance in the store (host, pid, where its rate limits live) and
 * refreshes it every minute, so the advisor can tell when several instances share a database
 * while each keeps its limits in memory. Never throws; returns the function that stops and removes it.
 */
export async function startInstanceHeartbeat(runtime: Pick<Runtime, 'db' | 'clock' | 'logger' | 'redis'>, everyMs = HEARTBEAT_MS): Promise<() => Promise<void>> {
  const id = randomUUID();
  const at = isoAt(runtime.clock());
  try {
    await runtime.db
      .insertInto('instances')
      .values({ id, host: os.hostname(), pid: process.pid, limiter_store: runtime.redis ? 'redis' : 'memory', started_at: at, last_seen_at: at })
      .execute();
  } catch (error) {
    // A missing heartbeat costs the advisor one fact; it must not stop a server that is already listening.
    runtime.logger.warn({ err: error }, 'instance heartbeat could not be recorded');
    return async () => {};
  }
  const beat = setInterval(() => {
    runtime.db
      .updateTable('instances')
      .set({ last_seen_at: isoAt(runtime.clock()) })
      .where('id', '=', id)
      .execute()
      .catch((error: unknown) => runtime.logger.warn({ err: error }, 'instance heartbeat failed'));
  }, everyMs);
  // The heartbeat never keeps a process alive on its own.
  beat.unref();
  return async () => {
    clearInterval(beat);
    await runtime.db.deleteFrom('instances').where('id', '=', id).execute().catch((error: unknown) => runtime.logger.warn({ err: error }, 'instance heartbeat removal failed'));
  };
}
