import type { AdvisorCheck } from '../AdvisorCheck.js';
import { readPolicies, type ReadPolicy } from '../readPolicies.js';

/** `permit (principal, action, resource);` with no condition, or only conditions that are always true. */
function permitsAll(policy: ReadPolicy): boolean {
  const unconstrained = policy.principal.op === 'All' && policy.action.op === 'All' && policy.resource.op === 'All';
  const alwaysTrue = policy.conditions.every(
    (condition) => JSON.stringify(condition.body) === JSON.stringify({ Value: condition.kind === 'when' }),
  );
  return policy.effect === 'permit' && unconstrained && alwaysTrue;
}

/** The IAM `"Action": "*", "Resource": "*"` of Cedar: one such policy turns every other refusal off. */
export const policyPermitsAll: AdvisorCheck = {
  id: 'policy-permit-all',
  severity: 'critical',
  title: 'A Cedar policy permits anyone to do anything',
  fix: 'Delete the policy, or scope it: name the principal (a group), the actions and the resource type it is meant for.',
  async run({ config }) {
    const wide = (await readPolicies(config.policiesDir)).filter(permitsAll);
    if (wide.length > 0) return { status: 'fail', finding: `${wide.map((p) => `"${p.id}" (${p.file})`).join(', ')} permit(s) any principal any action on any resource.` };
    return { status: 'pass', finding: 'No policy permits any principal any action on any resource.' };
  },
};
