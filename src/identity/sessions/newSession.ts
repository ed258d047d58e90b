import { randomUUID } from 'node:crypto';
import { isoAt } from '../../clock/clock.js';
import { sha256Hex } from '../../crypto/digest.js';
import { randomToken } from '../../crypto/randomToken.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { addressKey } from '../../shield/addressKey.js';
import type { SessionRow } from '../../store/schema.js';

/** Where a session was opened from, kept for the user's list of sessions. */
export interface Origin {
  sourceIp: string | null;
  userAgent: string | null;
  /** Set only by the test-only weakening `sessionRotation`: the cookie value brought to sign-in, adopted (session fixation). */
  adoptToken?: string;
}

/**
 * A fresh session for `userId`: a 256-bit opaque token for the cookie, and the row to
 * store, which holds only the token's SHA-256 (a stolen table gives no usable cookie).
 */
export function newSession(runtime: Pick<Runtime, 'clock' | 'config'>, userId: string, origin: Origin, mfa = false): { token: string; row: SessionRow } {
  const now = runtime.clock();
  const token = origin.adoptToken ?? randomToken();
  const row: SessionRow = {
    id: randomUUID(),
    token_hash: sha256Hex(token),
    user_id: userId,
    mfa: mfa ? 1 : 0,
    created_at: isoAt(now),
    last_seen_at: isoAt(now),
    expires_at: isoAt(now + runtime.config.sessionMaxMs),
    revoked_at: null,
    source_ip: origin.sourceIp,
    source_key: origin.sourceIp === null ? null : addressKey(origin.sourceIp, runtime.config.shield.ipv6Prefix),
    user_agent: origin.userAgent?.slice(0, 512) ?? null,
    authenticated_at: isoAt(now),
  };
  return { token, row };
}
