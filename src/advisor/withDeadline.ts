/**
 * Runs `work` with an abort signal and answers what it answers, or, once `ms` have passed,
 * aborts it and answers `expired()` instead: a step that hangs (a registry, a slow server)
 * becomes an answer of its own, so the advisor's report is bounded in time.
 */
export function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, expired: () => T): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      // Answered first, then aborted: what the aborted work throws comes too late to count.
      resolve(expired());
      controller.abort(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([work(controller.signal), late]).finally(() => clearTimeout(timer));
}
