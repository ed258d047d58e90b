import type { AdvisorCheck } from '../AdvisorCheck.js';

// NIST SP 800-63B-4, AAL2 reauthentication: at least once every 24 hours, and after 1 hour of inactivity.
const aal2 = { maxMs: 24 * 3_600_000, idleMs: 3_600_000 };

/** Long sessions turn a stolen cookie into long access. */
export const sessionLifetime: AdvisorCheck = {
  id: 'session-lifetime',
  severity: 'medium',
  title: 'Session lifetimes beyond NIST AAL2 (24 h absolute, 1 h idle)',
  fix: 'Set GATEHOUSE_SESSION_MAX_HOURS to 24 or less and GATEHOUSE_SESSION_IDLE_MINUTES to 60 or less.',
  async run({ config }) {
    const long = [
      config.sessionMaxMs > aal2.maxMs && `sessions last ${config.sessionMaxMs / 3_600_000} h (GATEHOUSE_SESSION_MAX_HOURS; AAL2: 24 h)`,
      config.sessionIdleMs > aal2.idleMs && `idle sessions last ${config.sessionIdleMs / 60_000} min (GATEHOUSE_SESSION_IDLE_MINUTES; AAL2: 60 min)`,
    ].filter((item): item is string => typeof item === 'string');
    if (long.length > 0) return { status: 'fail', finding: `${long.join('; ')}.` };
    return { status: 'pass', finding: `Sessions end after ${config.sessionMaxMs / 3_600_000} h, or ${config.sessionIdleMs / 60_000} min idle.` };
  },
};
