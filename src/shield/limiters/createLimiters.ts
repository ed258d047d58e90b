import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '../../store/openDatabase.js';
import { BoundedMemoryLimiter } from './BoundedMemoryLimiter.js';
import { DatabaseLimiter } from './DatabaseLimiter.js';

/** One limit: `points` per `durationSeconds` (0: the count never expires by itself). */
export interface LimitSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

/** Where limits are kept: the store seam. */
export interface Limiters {
  /**
   * Limits on requests (per address, per route, refusals): shared in Redis when there is one,
   * with a bounded in-memory limiter standing in while Redis is down; else in bounded memory.
   */
  forRequests(spec: LimitSpec): RateLimiterAbstract;
  /**
   * Counts that must hold across instances and restarts (failed sign-ins): in Redis when there
   * is one, with no stand-in, so that a Redis outage refuses sign-ins (fail closed) rather
   * than let each instance count on its own; else in the database.
   */
  forAccounts(spec: LimitSpec): RateLimiterAbstract;
}

/** The limiters of one instance: `redis` is the ioredis client when GATEHOUSE_REDIS_URL is set. */
export function createLimiters(options: { db: Store; maxKeys: number; redis?: Redis; keyPrefix?: string }): Limiters {
  const prefix = options.keyPrefix ?? 'gatehouse:shield';
  const memory = (spec: LimitSpec) =>
    new BoundedMemoryLimiter({ keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds, maxKeys: options.maxKeys });
  const redis = (spec: LimitSpec, insuranceLimiter?: RateLimiterAbstract) =>
    new RateLimiterRedis({
      storeClient: options.redis,
      useRedisPackage: false,
      // Without it, ioredis queues commands while reconnecting and a request would hang.
      rejectIfRedisNotReady: true,
      keyPrefix: `${prefix}:${spec.name}`,
      points: spec.points,
      duration: spec.durationSeconds,
      insuranceLimiter,
    });
  return {
    forRequests: (spec) => (options.redis ? redis(spec, memory(spec)) : memory(spec)),
    forAccounts: (spec) =>
      options.redis
        ? redis(spec)
        : new DatabaseLimiter(options.db, { keyPrefix: `${prefix}:${spec.name}`, points: spec.points, duration: spec.durationSeconds }),
  };
}
