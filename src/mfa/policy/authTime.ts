import { GatehouseError } from '../../errors/GatehouseError.js';
import type { SessionRow } from '../../store/schema.js';

/** Enrolling or removing a factor needs a sign-in (or step-up) within the last ten minutes. */
export const enrolmentFreshnessMs = 10 * 60_000;

/** When the session last proved its user: sign-in, or the latest step-up. */
export function authenticatedAt(session: Pick<SessionRow, 'authenticated_at' | 'created_at'>): number {
  return Date.parse(session.authenticated_at ?? session.created_at);
}

/** Seconds since the session last proved its user (Cedar's `context.authAge`). */
export function authAgeSeconds(session: Pick<SessionRow, 'authenticated_at' | 'created_at'>, now: number): number {
  return Math.max(0, Math.floor((now - authenticatedAt(session)) / 1000));
}

/** Refuses with 401 STEP_UP_REQUIRED unless the session proved its user within `maxMs`. */
export function requireRecentAuthentication(session: Pick<SessionRow, 'authenticated_at' | 'created_at'>, now: number, maxMs = enrolmentFreshnessMs): void {
  if (now - authenticatedAt(session) > maxMs) {
    throw new GatehouseError('STEP_UP_REQUIRED', 'Sign in again, or step up, to change your second factors');
  }
}
