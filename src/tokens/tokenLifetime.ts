import { GatehouseError } from '../errors/GatehouseError.js';
import { ACCESS_TOKEN_SECONDS } from './tokenRules.js';

/** When a token is issued and when it expires, in seconds (JWT `iat` and `exp`). */
export interface TokenLifetime {
  iat: number;
  exp: number;
}

/**
 * The lifetime of an access or ID token issued at `nowMs`: ACCESS_TOKEN_SECONDS, cut at
 * `notAfterMs` (when the account is disabled, `disabledFrom`), since a service verifying it
 * offline against the JWKS cannot know the account expired. UNAUTHENTICATED when that leaves
 * no second after `iat`: the account is disabled by then.
 */
export function tokenLifetime(nowMs: number, notAfterMs = Infinity): TokenLifetime {
  const iat = Math.floor(nowMs / 1000);
  const exp = Math.min(iat + ACCESS_TOKEN_SECONDS, Math.floor(notAfterMs / 1000));
  if (exp <= iat) throw new GatehouseError('UNAUTHENTICATED', 'The account is disabled');
  return { iat, exp };
}
