import { execFile } from 'node:child_process';
import { withDeadline } from './withDeadline.js';

/** Vulnerable packages by severity, as npm audit's `metadata.vulnerabilities` counts them. */
export interface VulnerabilityCounts {
  info: number;
  low: number;
  moderate: number;
  high: number;
  critical: number;
  total: number;
}

/** What `npm audit` said, or why it could not say: an error is never taken for a clean tree. */
export type NpmAuditOutcome =
  | { status: 'answered'; vulnerabilities: VulnerabilityCounts; packages: Array<{ name: string; severity: string }> }
  | { status: 'error'; reason: string };

/** Where and how to run npm audit. */
export interface NpmAuditOptions {
  /** The folder holding package.json and package-lock.json. */
  cwd: string;
  /** Another registry (tests: a fixture one, or an unreachable one). */
  registry?: string;
  /** How long npm may take before it is stopped and the answer is `error` (default 20 s). */
  timeoutMs?: number;
}

/**
 * Runs `npm audit --json --omit=dev` over the installed tree (the lockfile) in `cwd`, asking the
 * registry for advisories; any failure to get an answer in time comes back as `error` with its reason.
 */
export function runNpmAudit(options: NpmAuditOptions): Promise<NpmAuditOutcome> {
  const args = ['audit', '--json', '--omit=dev', ...(options.registry ? ['--registry', options.registry] : [])];
  // npm needs none of Gatehouse's settings, some of which are keys.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GATEHOUSE_')));
  const timeoutMs = options.timeoutMs ?? 20_000;
  return withDeadline<NpmAuditOutcome>(
    timeoutMs,
    (signal) =>
      new Promise((resolve) => {
        // npm exits 1 when it finds vulnerabilities: the JSON on stdout, not the exit code, says what happened.
        execFile('npm', args, { cwd: options.cwd, env, signal, maxBuffer: 32 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
          resolve(readAuditJson(stdout, error));
        });
      }),
    () => ({ status: 'error', reason: `npm audit gave no answer within ${timeoutMs / 1000} s and was stopped` }),
  );
}

// npm 7 and later: `metadata.vulnerabilities` counts, `vulnerabilities` by package.
function readAuditJson(stdout: string, error: Error | null): NpmAuditOutcome {
  let report: any;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { status: 'error', reason: error ? `npm audit failed: ${firstLine(error.message)}` : 'npm audit printed no JSON report' };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (report?.error || report?.message || !counts || typeof counts.total !== 'number') {
    return { status: 'error', reason: `npm audit could not get advisories: ${firstLine(String(report?.message ?? report?.error?.summary ?? 'no report'))}` };
  }
  const packages = Object.entries<any>(report.vulnerabilities ?? {}).map(([name, entry]) => ({ name, severity: String(entry?.severity ?? 'unknown') }));
  return { status: 'answered', vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts }, packages };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
