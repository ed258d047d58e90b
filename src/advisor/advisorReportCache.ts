import type { Clock } from '../clock/clock.js';
import type { AdvisorReport } from './runAdvisor.js';

/** How long GET /admin/advisor answers with the report it last made, rather than probing and auditing again. */
export const ADVISOR_REPORT_TTL_MS = 5 * 60_000;

/** The advisor's last report, kept in this process for the console. */
export interface AdvisorReportCache {
  /** The last report while younger than the TTL, else a new run (`fresh`: a new run anyway); calls during a run share it. */
  report(fresh?: boolean): Promise<AdvisorReport>;
}

/**
 * Keeps the report `run` makes for `ttlMs` of `clock`, measured from the start of its run (its
 * `generatedAt`): npm audit and the probes take seconds, and a console reloaded, or opened by
 * several administrators at once, must not start them again each time. A run that fails is not kept.
 */
export function advisorReportCache(run: () => Promise<AdvisorReport>, clock: Clock, ttlMs = ADVISOR_REPORT_TTL_MS): AdvisorReportCache {
  let kept: { report: AdvisorReport; at: number } | undefined;
  let running: Promise<AdvisorReport> | undefined;
  return {
    report(fresh = false) {
      // Even a fresh call joins the run under way: a second run beside it would see the same deployment.
      if (running) return running;
      if (!fresh && kept && clock() - kept.at < ttlMs) return Promise.resolve(kept.report);
      const startedAt = clock();
      running = Promise.resolve()
        .then(run)
        .then((report) => {
          kept = { report, at: startedAt };
          return report;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
