import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { passwordBlocklistSize, passwordLength } from '../identity/passwords/checkPasswordPolicy.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { AdvisorContext } from './AdvisorContext.js';
import { probeDeployment } from './probe/probeDeployment.js';
import { probeTarget } from './probe/probeTarget.js';
import { runNpmAudit, type NpmAuditOutcome } from './runNpmAudit.js';

/** Where the advisor looks, when not where the configuration says. */
export interface AdvisorOptions {
  /** The HTTPS URL to probe (CLI --url); default: the configured public URL, or the local listener. */
  url?: string;
  /** The plain-HTTP URL to probe (CLI --http-url); default: GATEHOUSE_HTTP_PORT locally, port 80 of a public host. */
  plainHttpUrl?: string;
  /** Connect to this address instead of resolving the URL's host (CLI --resolve). */
  resolveTo?: string;
  /** How long npm audit, or the whole probe, may take before its checks say unknown (default ADVISOR_STEP_MS). */
  stepTimeoutMs?: number;
}

/**
 * The bound on each external step (npm audit and the probe run side by side): the whole report
 * stays well under the 29 s API Gateway gives a Lambda function behind it.
 */
export const ADVISOR_STEP_MS = 20_000;

/** The folder holding Gatehouse's package.json and lockfile: npm audit runs over its installed tree. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The advisor's view of a running instance, with the facts of this moment (clock, Node.js version) and lazy, shared probes. */
export function createAdvisorContext(runtime: Pick<Runtime, 'config' | 'db' | 'clock'>, options: AdvisorOptions = {}): AdvisorContext {
  const target = probeTarget(runtime.config, options);
  const stepTimeoutMs = options.stepTimeoutMs ?? ADVISOR_STEP_MS;
  let probed: ReturnType<typeof probeDeployment> | undefined;
  let audited: Promise<NpmAuditOutcome> | undefined;
  return {
    config: runtime.config,
    db: runtime.db,
    now: runtime.clock(),
    nodeVersion: process.version,
    passwordPolicy: { minLength: passwordLength.min, maxLength: passwordLength.max, blocklistSize: passwordBlocklistSize },
    probe: () => (probed ??= probeDeployment({ ...target, deadlineMs: stepTimeoutMs })),
    npmAudit: () => (audited ??= runNpmAudit({ cwd: packageRoot, timeoutMs: stepTimeoutMs })),
  };
}
