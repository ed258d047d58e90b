/** Listener told the ids of sessions that just ended. */
export type RevocationListener = (sessionIds: string[]) => void;

/**
 * Where ended sessions are announced, after their revocation committed, so that whatever
 * caches session liveness (bearer tokens' `sid` check, SSE streams) drops them at once.
 * In process by default; with Redis every instance hears every announcement.
 */
export interface SessionRevocations {
  announce(sessionIds: string[]): void;
  /** Registers `listener`; the returned function unregisters it. */
  onRevoked(listener: RevocationListener): () => void;
}

/** Announcements heard by this process only (one instance, or tests). */
export function localSessionRevocations(): SessionRevocations {
  const listeners = new Set<RevocationListener>();
  return {
    announce(sessionIds) {
      if (sessionIds.length === 0) return;
      for (const listener of listeners) listener(sessionIds);
    },
    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
