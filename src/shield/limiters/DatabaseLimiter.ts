import { sql } from 'kysely';
import type { IRateLimiterOptions, RateLimiterRes } from 'rate-limiter-flexible';
import type { Store } from '../../store/openDatabase.js';
import { pointsToResult } from './BoundedMemoryLimiter.js';
import { RateLimiterStoreAbstract, type StoredPoints } from './storeAbstract.js';

// Expired rows are swept every so many writes, so the table holds live windows only.
const sweepEvery = 1000;

/**
 * rate-limiter-flexible's limits kept in the database (`shield_counters`), for counts that
 * must be neither evicted nor lost on restart, and are shared by every instance on the same
 * database: failed sign-ins. Each consume is one INSERT … ON CONFLICT DO UPDATE … RETURNING,
 * atomic on SQLite and PostgreSQL alike, so parallel attempts each see their own count.
 */
export class DatabaseLimiter extends RateLimiterStoreAbstract {
  private writes = 0;

  constructor(
    private readonly db: Store,
    options: IRateLimiterOptions,
  ) {
    super({ ...options, storeClient: db });
  }

  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<StoredPoints> {
    const now = new Date().toISOString();
    const expiresAt = msDuration > 0 ? new Date(Date.now() + msDuration).toISOString() : null;
    const restart = forceExpire
      ? sql<boolean>`1 = 1`
      : sql<boolean>`shield_counters.expires_at is not null and shield_counters.expires_at <= ${now}`;
    const row = await this.db
      .insertInto('shield_counters')
      .values({ key: rlKey, points, expires_at: expiresAt })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          points: sql<number>`case when ${restart} then excluded.points else shield_counters.points + excluded.points end`,
          expires_at: sql<string | null>`case when ${restart} then excluded.expires_at else shield_counters.expires_at end`,
        }),
      )
      .returning(['points', 'expires_at'])
      .executeTakeFirstOrThrow();
    if (++this.writes % sweepEvery === 0) await this.db.deleteFrom('shield_counters').where('expires_at', '<=', now).execute();
    return { points: Number(row.points), expiresAt: row.expires_at === null ? null : Date.parse(row.expires_at) };
  }

  async _get(rlKey: string): Promise<StoredPoints | null> {
    const row = await this.db.selectFrom('shield_counters').select(['points', 'expires_at']).where('key', '=', rlKey).executeTakeFirst();
    if (!row) return null;
    const expiresAt = row.expires_at === null ? null : Date.parse(row.expires_at);
    if (expiresAt !== null && expiresAt <= Date.now()) return null;
    return { points: Number(row.points), expiresAt };
  }

  async _delete(rlKey: string): Promise<boolean> {
    const result = await this.db.deleteFrom('shield_counters').where('key', '=', rlKey).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, stored: StoredPoints): RateLimiterRes {
    return pointsToResult(this.points, changedPoints, stored);
  }
}
