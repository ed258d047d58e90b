import type { AdvisorContext } from './AdvisorContext.js';

/** How much a failing check matters; `critical` fails a deployment pipeline (exit code 1). */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** `unknown` when the check could not tell (unreachable URL, registry down, a bug): never `pass` by default. */
export type CheckStatus = 'fail' | 'pass' | 'unknown';

/** What one check found this time; `fix` overrides the check's standing advice when the finding calls for another. */
export interface CheckOutcome {
  status: CheckStatus;
  finding: string;
  fix?: string;
}

/** One check of the advisor (one file under checks/), like a Trusted Advisor check. */
export interface AdvisorCheck {
  id: string;
  severity: Severity;
  title: string;
  /** How to fix a failure. */
  fix: string;
  run(context: AdvisorContext): Promise<CheckOutcome>;
}

/** The outcome of a check as the report (CLI --json, GET /admin/advisor) carries it. */
export interface CheckResult {
  id: string;
  severity: Severity;
  status: CheckStatus;
  title: string;
  finding: string;
  fix: string;
}

/** Severities from the worst down: the order of the table and of the summary. */
export const severities: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
