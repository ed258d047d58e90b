import { isoAt } from '../clock/clock.js';
import { severities, type AdvisorCheck, type CheckResult, type Severity } from './AdvisorCheck.js';
import { advisorChecks } from './advisorChecks.js';
import type { AdvisorContext } from './AdvisorContext.js';

/** The advisor's report, the same for `gatehouse advisor --json` and `GET /admin/advisor`. */
export interface AdvisorReport {
  generatedAt: string;
  /** Failing checks per severity, and how many passed or could not tell. */
  summary: Record<Severity, number> & { passed: number; unknown: number };
  checks: CheckResult[];
}

/**
 * Runs every check against `context`, side by side. A check that throws becomes `unknown`
 * with its reason: one broken check never hides the others nor passes for clean.
 */
export async function runAdvisor(context: AdvisorContext, checks: readonly AdvisorCheck[] = advisorChecks): Promise<AdvisorReport> {
  const results = await Promise.all(checks.map((check) => runOne(check, context)));
  const summary = { critical: 0, high: 0, medium: 0, low: 0, passed: 0, unknown: 0 };
  for (const result of results) {
    if (result.status === 'fail') summary[result.severity] += 1;
    else if (result.status === 'pass') summary.passed += 1;
    else summary.unknown += 1;
  }
  return { generatedAt: isoAt(context.now), summary, checks: results };
}

/** True when a critical check fails: the exit code 1 that stops a deployment pipeline. */
export function hasCriticalFailure(report: AdvisorReport): boolean {
  return report.summary[severities[0]!] > 0;
}

async function runOne(check: AdvisorCheck, context: AdvisorContext): Promise<CheckResult> {
  const { id, severity, title } = check;
  try {
    const outcome = await check.run(context);
    return { id, severity, status: outcome.status, title, finding: outcome.finding, fix: outcome.fix ?? check.fix };
  } catch (error) {
    return { id, severity, status: 'unknown', title, finding: `The check could not run: ${(error as Error)?.message ?? String(error)}`, fix: check.fix };
  }
}
