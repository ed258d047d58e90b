import type { AdvisorCheck } from '../AdvisorCheck.js';

/** NIST SP 800-63B §5.1.1.2 (memorized secrets): at least 8 characters, at least 64 allowed, a blocklist of common ones. */
export const passwordPolicy: AdvisorCheck = {
  id: 'password-policy',
  severity: 'medium',
  title: 'Password policy weaker than NIST SP 800-63B',
  fix: 'Require at least 8 characters, allow at least 64, and refuse passwords from a list of common ones (src/identity/passwords/checkPasswordPolicy.ts).',
  async run({ passwordPolicy: policy }) {
    const weak = [
      policy.minLength < 8 && `a minimum of ${policy.minLength} characters (NIST: at least 8)`,
      policy.maxLength < 64 && `a maximum of ${policy.maxLength} characters (NIST: allow at least 64)`,
      policy.blocklistSize === 0 && 'no list of common passwords to refuse',
    ].filter((item): item is string => typeof item === 'string');
    if (weak.length > 0) return { status: 'fail', finding: `Passwords have ${weak.join(', ')}.` };
    return { status: 'pass', finding: `Passwords of ${policy.minLength} to ${policy.maxLength} characters, ${policy.blocklistSize} common ones refused, no composition rules.` };
  },
};
