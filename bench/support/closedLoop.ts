/** How many operations ended inside the measured window, and how many of them failed. */
export interface LoopCount {
  completed: number;
  failed: number;
  /** Completed operations per second of the window. */
  perSecond: number;
}

/** Keeps `workers` operations in flight for `durationMs` and counts those that end inside it. */
export async function closedLoop(workers: number, durationMs: number, operation: (worker: number) => Promise<boolean>): Promise<LoopCount> {
  // A closed loop, as autocannon's connections run: each worker starts its next operation
  // when its last one ends. Both sides of every ratio are counted by this one function, so
  // that neither gets a different rule for the operations that straddle the end.
  let completed = 0;
  let failed = 0;
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end) {
        const ok = await operation(worker);
        // An operation that overran the window is not credited to it.
        if (performance.now() > end) break;
        if (ok) completed += 1;
        else failed += 1;
      }
    }),
  );
  return { completed, failed, perSecond: completed / (durationMs / 1000) };
}
