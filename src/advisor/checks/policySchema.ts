import { loadPolicies } from '../../authz/loadPolicies.js';
import { isGatehouseError } from '../../errors/GatehouseError.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';

/** The server validates at start; this reads the folder as it is now, as the next start (or the next instance) would. */
export const policySchema: AdvisorCheck = {
  id: 'policy-schema',
  severity: 'critical',
  title: 'Cedar policies that fail schema validation',
  fix: 'Correct the named policy (the message says where), then check with `gatehouse advisor` again before the next start: an instance refuses to start on it.',
  async run({ config }) {
    try {
      const loaded = await loadPolicies(config.policiesDir);
      return { status: 'pass', finding: `${Object.keys(loaded.policies).length} policies in ${config.policiesDir} parse and pass strict validation against the schema.` };
    } catch (error) {
      if (isGatehouseError(error, 'POLICY_INVALID')) return { status: 'fail', finding: error.message };
      throw error;
    }
  },
};
