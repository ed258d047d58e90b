import { sql } from 'kysely';
import type { Clock } from '../clock/clock.js';
import { disabledFrom, isDisabled } from '../identity/accountDisabled.js';
import type { SessionRevocations } from '../identity/sessions/SessionRevocations.js';
import type { Store } from '../store/openDatabase.js';
import { findSessionWithUser, type SessionUser } from '../store/repositories/sessions.js';
import type { SessionRow } from '../store/schema.js';

/** A live session and its user, as a bearer request needs them. */
export interface LiveSession {
  session: SessionRow;
  user: SessionUser;
}

/** Whether a session is still live, answered from memory in the common case. */
export interface SessionLiveness {
  /** The session and its user while it is live (not signed out, user not disabled: `isDisabled`), else undefined. */
  check(sessionId: string): Promise<LiveSession | undefined>;
  /** Stops listening to revocations. */
  close(): void;
}

// Bounds memory; a miss costs one indexed read.
const maxEntries = 10_000;
// A backstop only: announcements end entries at once; this bounds staleness if one is ever lost.
const maxAgeMs = 60_000;

/**
 * Caches session liveness by `sid`, so that a bearer request costs no database read while
 * its session is known live. An ended session is dropped the moment it is announced
 * (`runtime.sessionRevocations`, shared across instances through Redis when configured).
 * Another process writing the same SQLite file (a second instance, the CLI) announces
 * nothing here, so with SQLite each check first asks `PRAGMA data_version`, which changes
 * only when another connection committed; then the cache is emptied and entries re-read.
 */
export function sessionLiveness(db: Store, clock: Clock, revocations: Pick<SessionRevocations, 'onRevoked'>, options: { sqlite: boolean }): SessionLiveness {
  // `until`: when the entry stops answering (ms); a live one never outlives its account's expiry.
  const cache = new Map<string, { live: LiveSession | undefined; until: number }>();
  let dataVersion: number | undefined;
  // Bumped by every announcement, so that a read racing a revocation is never cached as live.
  let generation = 0;
  const stopListening = revocations.onRevoked((sessionIds) => {
    generation += 1;
    for (const id of sessionIds) cache.set(id, { live: undefined, until: clock() + maxAgeMs });
  });

  // In-process SQLite: a pragma reading one counter of the connection, no table, no network.
  const changedElsewhere = async () => {
    if (!options.sqlite) return false;
    const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db);
    const version = rows[0]?.data_version;
    const changed = version !== dataVersion;
    dataVersion = version;
    return changed;
  };

  return {
    async check(sessionId) {
      if (await changedElsewhere()) cache.clear();
      const cached = cache.get(sessionId);
      if (cached && clock() < cached.until) return cached.live;
      const readAt = generation;
      const found = await findSessionWithUser(db, sessionId);
      const now = clock();
      const live = found && found.session.revoked_at === null && !isDisabled(found.user, now) ? found : undefined;
      // Something ended while we read: trust an announcement about this session over the read.
      if (readAt !== generation) return cache.get(sessionId)?.live === undefined && cache.has(sessionId) ? undefined : live;
      cache.delete(sessionId);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(sessionId, { live, until: Math.min(now + maxAgeMs, live ? disabledFrom(live.user) : Infinity) });
      return live;
    },
    close: stopListening,
  };
}
