import { RateLimiterRes, type IRateLimiterOptions } from 'rate-limiter-flexible';
import { RateLimiterStoreAbstract, type StoredPoints } from './storeAbstract.js';

/**
 * rate-limiter-flexible's limits kept in this process's memory, holding at most `maxKeys`
 * keys: past that, the least recently used key is evicted. rate-limiter-flexible's own
 * RateLimiterMemory keeps every key (and a timer each) until its window ends, so a flood of
 * distinct addresses would grow it without bound. An evicted key starts afresh, which only
 * a flood of distinct addresses can cause, and then each of them is still limited.
 */
export class BoundedMemoryLimiter extends RateLimiterStoreAbstract {
  private readonly entries = new Map<string, StoredPoints>();
  private readonly maxKeys: number;

  constructor(options: IRateLimiterOptions & { maxKeys: number }) {
    super({ ...options, storeClient: 'memory' });
    this.maxKeys = options.maxKeys;
  }

  /** How many keys are held now (tests check the bound). */
  get size(): number {
    return this.entries.size;
  }

  _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<StoredPoints> {
    const now = Date.now();
    const current = this.live(rlKey, now);
    // Re-inserting moves the key to the end of the Map's order: the front is least recently used.
    this.entries.delete(rlKey);
    const next =
      current && !forceExpire
        ? { points: current.points + points, expiresAt: current.expiresAt }
        : { points, expiresAt: msDuration > 0 ? now + msDuration : null };
    this.entries.set(rlKey, next);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    return Promise.resolve({ ...next });
  }

  _get(rlKey: string): Promise<StoredPoints | null> {
    const entry = this.live(rlKey, Date.now());
    return Promise.resolve(entry ? { ...entry } : null);
  }

  _delete(rlKey: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(rlKey));
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, stored: StoredPoints): RateLimiterRes {
    return pointsToResult(this.points, changedPoints, stored);
  }

  private live(rlKey: string, now: number): StoredPoints | undefined {
    const entry = this.entries.get(rlKey);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now) {
      this.entries.delete(rlKey);
      return undefined;
    }
    return entry;
  }
}

/** rate-limiter-flexible's answer for a stored record (msBeforeNext -1: the key never expires). */
export function pointsToResult(limit: number, changedPoints: number, stored: StoredPoints): RateLimiterRes {
  const msBeforeNext = stored.expiresAt === null ? -1 : Math.max(stored.expiresAt - Date.now(), 0);
  return new RateLimiterRes(Math.max(limit - stored.points, 0), msBeforeNext, stored.points, stored.points === changedPoints);
}
