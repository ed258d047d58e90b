import { isoAt } from '../../clock/clock.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listUnexpiredUserSessions } from '../../store/repositories/sessions.js';
import type { UserRow } from '../../store/schema.js';
import { disabledFrom } from '../accountDisabled.js';

/** One live session as its owner sees it: when and where it started, never its token. */
export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** The earliest of the idle expiry, the absolute expiry and the account's (a future `disabled_at`). */
  expiresAt: string;
  mfa: boolean;
  current: boolean;
  sourceIp: string | null;
  userAgent: string | null;
}

/**
 * `GET /auth/sessions`: the caller's live sessions (not revoked, not expired, not idle too
 * long), newest first, the caller's own marked `current`.
 */
export async function listSessions(runtime: Pick<Runtime, 'db' | 'clock' | 'config'>, user: Pick<UserRow, 'id' | 'disabled_at'>, currentSessionId: string): Promise<SessionSummary[]> {
  const now = runtime.clock();
  const rows = await listUnexpiredUserSessions(runtime.db, user.id, isoAt(now));
  return rows.flatMap((row) => {
    const expiresAt = Math.min(Date.parse(row.last_seen_at) + runtime.config.sessionIdleMs, Date.parse(row.expires_at), disabledFrom(user));
    if (expiresAt <= now) return [];
    return [
      {
        id: row.id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: isoAt(expiresAt),
        mfa: row.mfa === 1,
        current: row.id === currentSessionId,
        sourceIp: row.source_ip,
        userAgent: row.user_agent,
      },
    ];
  });
}
