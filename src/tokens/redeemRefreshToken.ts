import { isoAt } from '../clock/clock.js';
import { sha256Hex } from '../crypto/digest.js';
import { GatehouseError, isGatehouseError } from '../errors/GatehouseError.js';
import { disabledFrom, isDisabled } from '../identity/accountDisabled.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { Transact } from '../store/Transact.js';
import { listUserGroups } from '../store/repositories/groups.js';
import { findRefreshToken, insertRefreshToken, markRefreshTokenUsed, revokeRefreshFamily } from '../store/repositories/refreshTokens.js';
import { findSessionWithUser, revokeSession } from '../store/repositories/sessions.js';
import type { RefreshTokenRow } from '../store/schema.js';
import type { TokenDeps } from './TokenDeps.js';
import { userTokens, type UserTokens } from './userTokens.js';

const invalidGrant = () => new GatehouseError('UNAUTHENTICATED', 'The refresh token is not valid');

/**
 * Rotates a refresh token: the one given is spent and a new one of the same family comes
 * back with fresh access and ID tokens (groups re-read, so a change shows on refresh).
 * A token presented again after it was spent means it was copied (OAuth 2.0 Security BCP
 * §4.14.2): the whole family and its session end, and `reportReuse` records it.
 */
export async function redeemRefreshToken(
  deps: TokenDeps & Pick<Runtime, 'sessionRevocations' | 'weakened'>,
  refreshToken: string,
  transact: Transact,
  reportReuse: Transact,
): Promise<UserTokens> {
  const found = await findRefreshToken(deps.db, sha256Hex(refreshToken));
  if (!found || found.revoked_at) throw invalidGrant();
  // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): a spent token redeems again.
  const reusable = deps.weakened.has('refreshReuse');
  if (found.used_at && !reusable) return endFamily(deps, found, reportReuse);
  const now = deps.clock();
  if (Date.parse(found.expires_at) <= now) throw invalidGrant();
  const current = await findSessionWithUser(deps.db, found.session_id);
  // A signed-out session, or a disabled user, ends the family's right to new tokens; so does the
  // session's absolute lifetime (NIST SP 800-63B AAL2: reauthenticate at least every 24 h).
  if (!current || current.session.revoked_at || isDisabled(current.user, now)) throw invalidGrant();
  if (Date.parse(current.session.expires_at) <= now) throw invalidGrant();
  const { session, user } = current;
  const groups = await listUserGroups(deps.db, user.id);
  const { tokens, row } = await userTokens(
    deps,
    { sessionId: session.id, userId: user.id, email: user.email, groups, mfa: session.mfa === 1, authTime: session.authenticated_at ?? session.created_at, accountEndsAt: disabledFrom(user) },
    found.family_id,
  );
  try {
    await transact(async (trx) => {
      // Two requests racing with one token: only one spends it; the other is a reuse.
      if (!(await markRefreshTokenUsed(trx, found.id, isoAt(now))) && !reusable) throw invalidGrant();
      await insertRefreshToken(trx, row);
      return { principalId: user.id, sessionId: session.id, grant: 'refresh_token', refreshFamily: found.family_id };
    });
  } catch (error) {
    if (isGatehouseError(error, 'UNAUTHENTICATED')) return endFamily(deps, found, reportReuse);
    throw error;
  }
  return tokens;
}

async function endFamily(deps: TokenDeps & Pick<Runtime, 'sessionRevocations'>, spent: RefreshTokenRow, reportReuse: Transact): Promise<never> {
  const at = isoAt(deps.clock());
  await reportReuse(async (trx) => {
    await revokeRefreshFamily(trx, spent.family_id, at);
    // Its access tokens carry the session's sid: ending the session refuses them at once.
    await revokeSession(trx, spent.session_id, at);
    return { principalId: spent.user_id, sessionId: spent.session_id, refreshFamily: spent.family_id };
  });
  deps.sessionRevocations.announce([spent.session_id]);
  throw invalidGrant();
}
