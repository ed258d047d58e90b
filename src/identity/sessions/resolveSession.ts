import { isoAt } from '../../clock/clock.js';
import { sha256Hex } from '../../crypto/digest.js';
import { authAgeSeconds } from '../../mfa/policy/authTime.js';
import { disabledFrom, isDisabled } from '../accountDisabled.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listUserGroups } from '../../store/repositories/groups.js';
import { findLiveSessionWithUser, touchSession, type SessionUser } from '../../store/repositories/sessions.js';
import type { SessionRow } from '../../store/schema.js';

/** A signed-in caller: the session, its user and the user's groups. */
export interface SignedIn {
  session: SessionRow;
  user: SessionUser;
  groups: string[];
  /** When the session ends if nothing else happens: the earliest of idle expiry, absolute expiry and the account's. */
  expiresAt: string;
  /** Seconds since the session last proved its user (sign-in or step-up), for policies that want it fresh. */
  authAge?: number;
}

// Idle tracking needs minute precision, not a write on every request.
const touchEveryMs = 60_000;

/**
 * The live session behind a cookie token, or undefined when it is unknown, revoked, past
 * its absolute lifetime or idle for longer than allowed, or its user is disabled (`isDisabled`).
 */
export async function resolveSession(runtime: Pick<Runtime, 'db' | 'clock' | 'config'>, token: string): Promise<SignedIn | undefined> {
  const found = await findLiveSessionWithUser(runtime.db, sha256Hex(token));
  if (!found) return undefined;
  const { session, user } = found;
  const now = runtime.clock();
  const lastSeen = Date.parse(session.last_seen_at);
  if (Date.parse(session.expires_at) <= now || lastSeen + runtime.config.sessionIdleMs <= now) return undefined;
  if (isDisabled(user, now)) return undefined;
  if (now - lastSeen >= touchEveryMs) {
    await touchSession(runtime.db, session.id, isoAt(now));
    session.last_seen_at = isoAt(now);
  }
  const groups = await listUserGroups(runtime.db, user.id);
  const idleEnd = Date.parse(session.last_seen_at) + runtime.config.sessionIdleMs;
  return { session, user, groups, expiresAt: isoAt(Math.min(idleEnd, Date.parse(session.expires_at), disabledFrom(user))), authAge: authAgeSeconds(session, now) };
}
