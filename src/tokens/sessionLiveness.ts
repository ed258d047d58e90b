import { sql } from 'kysely';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/openDatabase.js';
import { findSessionState } from '../store/repositories/sessions.js';

/** The user behind a live session, as a bearer request needs it. */
export interface LiveSession {
  userId: string;
  email: string;
}

/** Session revocations as the runtime announces them (sign-out, sign-out everywhere, reset). */
export interface RevocationSource {
  onRevoked(listener: (sessionIds: string[]) => void): () => void;
}

/** Whether a session is still live, answered from memory in the common case. */
export interface SessionLiveness {
  /** The session's user when it is live (not signed out, user not disabled), else undefined. */
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
 * the session is known live. An ended session is dropped the moment it is announced
 * (`runtime.sessionRevocations`, shared across instances through Redis when configured).
 * Another process writing the same SQLite file (a second instance, the CLI) announces
 * nothing here, so for SQLite each check first asks `PRAGMA data_version`, which changes
 * only when another connection committed: then the cache is emptied and entries re-read.
 */
export function sessionLiveness(db: Store, clock: Clock, revocations: RevocationSource, options: { sqlite: boolean }): SessionLiveness {
  const cache = new Map<string, { live: LiveSession | undefined; at: number }>();
  let dataVersion: number | undefined;
  // Bumped by every announcement, so that a read racing a revocation is not cached as live.
  let generation = 0;
  const stopListening = revocations.onRevoked((sessionIds) => {
    generation += 1;
    for (const id of sessionIds) cache.set(id, { live: undefined, at: clock() });
  });

  // In-process SQLite: a pragma, not a network round trip; it reads no table.
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
      if (cached && clock() - cached.at < maxAgeMs) return cached.live;
      const readAt = generation;
      const state = await findSessionState(db, sessionId);
      const live = state && state.revoked_at === null && state.disabled_at === null ? { userId: state.user_id, email: state.email } : undefined;
      if (readAt !== generation) return cache.get(sessionId)?.live ?? live;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.delete(sessionId);
      cache.set(sessionId, { live, at: clock() });
      return live;
    },
    close: stopListening,
  };
}
