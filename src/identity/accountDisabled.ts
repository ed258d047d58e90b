import type { UserRow } from '../store/schema.js';

/**
 * The instant (ms) from which the account is disabled: its `disabled_at`, past or future (an
 * account-expiry time, as a pen-test window's accounts get), or Infinity when none is set.
 */
export function disabledFrom(user: Pick<UserRow, 'disabled_at'>): number {
  if (user.disabled_at === null) return Infinity;
  const at = Date.parse(user.disabled_at);
  // Fail closed: a value that is not a time disables the account.
  return Number.isNaN(at) ? -Infinity : at;
}

/** True when the account is disabled at `nowMs`: its `disabled_at` has come. The SQL twin is `userEnabledAt`. */
export function isDisabled(user: Pick<UserRow, 'disabled_at'>, nowMs: number): boolean {
  return disabledFrom(user) <= nowMs;
}
