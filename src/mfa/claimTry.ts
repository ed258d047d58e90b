import { isoAt } from '../clock/clock.js';
import type { Runtime } from '../runtime/Runtime.js';
import { claimCodeAttempt } from '../store/repositories/codes.js';

/** A limit on tries of one kind per user: `max` per window, in a short window and a day-long one. */
export interface TryLimit {
  short: { max: number; windowMs: number };
  day: { max: number; windowMs: number };
}

/** Claims one try of `purpose` for the user, atomically within both windows; false when out of tries. */
export function claimTry(runtime: Pick<Runtime, 'db' | 'clock'>, userId: string, purpose: string, limit: TryLimit): Promise<boolean> {
  const now = runtime.clock();
  return claimCodeAttempt(runtime.db, {
    userId,
    purpose,
    now: isoAt(now),
    short: { max: limit.short.max, endsAt: isoAt(now + limit.short.windowMs) },
    day: { max: limit.day.max, endsAt: isoAt(now + limit.day.windowMs) },
  });
}
