import type { Config } from '../config/loadConfig.js';
import type { Store } from '../store/openDatabase.js';
import type { DeploymentProbe } from './probe/DeploymentProbe.js';
import type { NpmAuditOutcome } from './runNpmAudit.js';

/** The password rules the code enforces, as the advisor compares them with NIST SP 800-63B. */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** How many commonly used passwords are refused. */
  blocklistSize: number;
}

/** Everything the checks read: the instance's configuration and store, and the facts of the moment, each injectable. */
export interface AdvisorContext {
  config: Config;
  db: Store;
  /** Now, in milliseconds: every age and every end-of-life date is measured from it. */
  now: number;
  /** The Node.js version running (`process.version`). */
  nodeVersion: string;
  passwordPolicy: PasswordPolicy;
  /** What the deployment serves at its URL, fetched once and shared by the checks that read it. */
  probe(): Promise<DeploymentProbe>;
  /** `npm audit` over the installed tree, run once. */
  npmAudit(): Promise<NpmAuditOutcome>;
}
