import { randomUUID } from 'node:crypto';
import { disabledFrom } from '../identity/accountDisabled.js';
import type { SignedIn } from '../identity/sessions/resolveSession.js';
import type { Transact } from '../store/Transact.js';
import { insertRefreshToken } from '../store/repositories/refreshTokens.js';
import type { TokenDeps } from './TokenDeps.js';
import { userTokens, type UserTokens } from './userTokens.js';

/** Trades a live cookie session for an access, an ID and a refresh token (a new refresh family). */
export async function issueSessionTokens(deps: TokenDeps, signedIn: SignedIn, transact: Transact): Promise<UserTokens> {
  const { session, user, groups } = signedIn;
  const { tokens, row } = await userTokens(
    deps,
    { sessionId: session.id, userId: user.id, email: user.email, groups, mfa: session.mfa === 1, authTime: session.authenticated_at ?? session.created_at, accountEndsAt: disabledFrom(user) },
    randomUUID(),
  );
  await transact(async (trx) => {
    await insertRefreshToken(trx, row);
    return { principalId: user.id, sessionId: session.id, grant: 'session', refreshFamily: row.family_id };
  });
  return tokens;
}
