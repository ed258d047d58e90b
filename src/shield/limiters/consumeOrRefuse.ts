import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GatehouseError } from '../../errors/GatehouseError.js';

/** 429 RATE_LIMITED with `Retry-After` in whole seconds (at least 1). */
export function rateLimited(msBeforeNext: number): GatehouseError {
  const seconds = msBeforeNext > 0 ? Math.ceil(msBeforeNext / 1000) : 60;
  return new GatehouseError('RATE_LIMITED', 'Too many requests; try again later', { headers: { 'Retry-After': String(seconds) } });
}

/**
 * Takes one point from `limiter` for `key`; over the limit, throws RATE_LIMITED. A store
 * that fails without a stand-in (Redis down, for sign-in counts) throws SERVICE_UNAVAILABLE:
 * fail closed, never let an attempt through uncounted.
 */
export async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string, options?: { customDuration?: number }): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key, 1, options);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext);
    throw new GatehouseError('SERVICE_UNAVAILABLE', 'Sign-in limits cannot be checked right now; try again shortly', {
      headers: { 'Retry-After': '5' },
      cause: rejection,
    });
  }
}
