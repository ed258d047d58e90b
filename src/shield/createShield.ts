import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/openDatabase.js';
import { BlockedAddresses } from './blocks/BlockedAddresses.js';
import { createLimiters, type Limiters } from './limiters/createLimiters.js';
import type { ShieldConfig } from './shieldConfig.js';
import { createSignInGuard, type SignInGuard } from './signInGuard.js';

/** The limits of one instance. */
export interface Shield {
  limiters: Limiters;
  signInGuard: SignInGuard;
  /** Requests per client address, every route. */
  perAddress: RateLimiterAbstract;
  /** Requests per (route, client address) to the routes that guess secrets or send mail. */
  perAuthRoute: RateLimiterAbstract;
  /** Refusals (4xx) per client address: past the limit, the address is blocked. */
  refusals: RateLimiterAbstract;
  /** The blocks in force, as this instance knows them. */
  blocked: BlockedAddresses;
}

/** Builds the shield on the store seam: Redis when `redis` is given, else memory and the database. */
export function createShield(options: { config: ShieldConfig; db: Store; clock: Clock; hmacKey: Buffer; redis?: Redis; keyPrefix?: string }): Shield {
  const { config } = options;
  const limiters = createLimiters({ db: options.db, maxKeys: config.memoryLimiterKeys, redis: options.redis, keyPrefix: options.keyPrefix });
  return {
    limiters,
    signInGuard: createSignInGuard(config, limiters, options.hmacKey),
    perAddress: limiters.forRequests({ name: 'address', points: config.ipPerMinute, durationSeconds: 60 }),
    perAuthRoute: limiters.forRequests({ name: 'auth-route', points: config.authPerMinute, durationSeconds: 60 }),
    refusals: limiters.forRequests({ name: 'refusals', points: config.blockAfterRefusals, durationSeconds: config.refusalWindowSeconds }),
    blocked: new BlockedAddresses(options.db, options.clock),
  };
}
