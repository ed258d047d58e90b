import type { AdvisorCheck } from '../AdvisorCheck.js';

// Past these, a limit no longer slows down a script: it is off in all but name.
const loosest = { ipPerMinute: 100_000, authPerMinute: 1_000, blockAfterRefusals: 100_000, signInFreeFailures: 100 };

/** Limits so high they never bite are limits turned off (OWASP ASVS V2.2.1: anti-automation). */
export const rateLimitsOff: AdvisorCheck = {
  id: 'rate-limits-off',
  severity: 'medium',
  title: 'Rate limits off',
  fix: 'Bring the limits back to their defaults (GATEHOUSE_LIMIT_IP_PER_MINUTE 1200, GATEHOUSE_LIMIT_AUTH_PER_MINUTE 60, GATEHOUSE_BLOCK_AFTER_REFUSALS 300, GATEHOUSE_SIGN_IN_FREE_FAILURES 10), or to what your traffic needs.',
  async run({ config }) {
    const shield = config.shield;
    const off = [
      shield.ipPerMinute > loosest.ipPerMinute && `GATEHOUSE_LIMIT_IP_PER_MINUTE=${shield.ipPerMinute}`,
      shield.authPerMinute > loosest.authPerMinute && `GATEHOUSE_LIMIT_AUTH_PER_MINUTE=${shield.authPerMinute}`,
      shield.blockAfterRefusals > loosest.blockAfterRefusals && `GATEHOUSE_BLOCK_AFTER_REFUSALS=${shield.blockAfterRefusals}`,
      shield.signInFreeFailures >= loosest.signInFreeFailures && `GATEHOUSE_SIGN_IN_FREE_FAILURES=${shield.signInFreeFailures} (NIST SP 800-63B §5.2.2 allows 100 failures in all)`,
    ].filter((item): item is string => typeof item === 'string');
    if (off.length > 0) return { status: 'fail', finding: `Limits too loose to slow an attack: ${off.join(', ')}.` };
    return { status: 'pass', finding: `${shield.ipPerMinute} requests a minute per address, ${shield.authPerMinute} per sign-in route, a block after ${shield.blockAfterRefusals} refusals, waits after ${shield.signInFreeFailures} failed sign-ins.` };
  },
};
