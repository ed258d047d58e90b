import type { AdvisorCheck } from '../AdvisorCheck.js';

/** OWASP Top 10 A06: known-vulnerable components; npm audit asks the registry's advisory database. */
export const vulnerableDependencies: AdvisorCheck = {
  id: 'dependencies',
  severity: 'high',
  title: 'Dependencies with known vulnerabilities',
  fix: 'Run `npm audit` in the install folder, upgrade the named packages (`npm audit fix`, or a newer Gatehouse), redeploy, and check again.',
  async run({ npmAudit }) {
    const outcome = await npmAudit();
    if (outcome.status === 'error') return { status: 'unknown', finding: `Could not check: ${outcome.reason}.` };
    const { low, moderate, high, critical } = outcome.vulnerabilities;
    const found = low + moderate + high + critical;
    if (found > 0) {
      const names = outcome.packages.slice(0, 8).map((p) => `${p.name} (${p.severity})`).join(', ');
      return { status: 'fail', finding: `npm audit found ${found} vulnerable package(s): ${critical} critical, ${high} high, ${moderate} moderate, ${low} low: ${names}${outcome.packages.length > 8 ? ', …' : ''}.` };
    }
    return { status: 'pass', finding: 'npm audit found no known vulnerability in the installed production dependencies.' };
  },
};
