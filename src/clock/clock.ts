/** The source of "now" in milliseconds; injected so that tests freeze or move time. */
export type Clock = () => number;

/** The wall clock. */
export const systemClock: Clock = () => Date.now();

/** `ms` as the ISO-8601 UTC text the store keeps. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
