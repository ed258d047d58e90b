import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long the answers that could tell whether an address is registered take at least
 * (forgot, confirm, reset): longer than the natural difference between the two paths.
 */
export const enumerationFloorMs = 40;

/** Runs `work` and answers, or throws, no sooner than `floorMs` after the start. */
export async function evenTiming<T>(work: () => Promise<T>, floorMs = enumerationFloorMs): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
