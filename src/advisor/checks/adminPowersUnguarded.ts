import { rootGroup } from '../../identity/admin/initRoot.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';
import { readPolicies, type CedarScope } from '../readPolicies.js';

const privileged = [rootGroup, 'admins'];
const isPrivileged = (scope: CedarScope) => scope.op !== 'All' && scope.entity?.type === 'Group' && privileged.includes(scope.entity.id);

/**
 * Administrative powers need a limit written as a `forbid`: root may only administer (the
 * shipped `root.no-daily-use`), and no permit hands a privileged group every action.
 */
export const adminPowersUnguarded: AdvisorCheck = {
  id: 'policy-admin-guardrails',
  severity: 'high',
  title: 'Administrative powers without a forbid guardrail',
  fix: 'Keep a forbid on `principal in Group::"root"` for everything but administration (policies/root.cedar, "root.no-daily-use"), and list the actions each permit to `admins` or `root` grants.',
  async run({ config }) {
    const policies = await readPolicies(config.policiesDir);
    const problems: string[] = [];
    const rootForbid = policies.some((p) => p.effect === 'forbid' && p.principal.op === 'in' && p.principal.entity?.type === 'Group' && p.principal.entity.id === rootGroup);
    if (!rootForbid) problems.push('no forbid limits Group::"root", so root may use the applications like any user');
    for (const p of policies.filter((q) => q.effect === 'permit' && isPrivileged(q.principal) && q.action.op === 'All')) {
      problems.push(`"${p.id}" (${p.file}) grants Group::"${p.principal.entity!.id}" every action`);
    }
    if (problems.length > 0) return { status: 'fail', finding: `${problems.join('; ')}.` };
    return { status: 'pass', finding: 'Root is limited to administration by a forbid, and every permit to a privileged group names its actions.' };
  },
};
