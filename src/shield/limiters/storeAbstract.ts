// rate-limiter-flexible's base for stores (its types declare it; its index does not export it):
// a store supplies _upsert/_get/_delete, the base does consume, block, penalty, reward and
// the insurance limiter, the same as for its own Redis store.
import { createRequire } from 'node:module';
import type { RateLimiterStoreAbstract as StoreAbstractType } from 'rate-limiter-flexible';

const require = createRequire(import.meta.url);

export const RateLimiterStoreAbstract: typeof StoreAbstractType = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract.js');

/** A record as the Gatehouse stores keep it: points consumed, and when the window ends (null: never). */
export interface StoredPoints {
  points: number;
  expiresAt: number | null;
}
