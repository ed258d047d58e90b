import { validate } from './cedar.js';
import { formatCedarError } from './formatCedarError.js';
import { isGatehouseError } from '../errors/GatehouseError.js';
import { splitPolicySet, type SourcePolicy } from './splitPolicySet.js';

/** One `.cedar` file checked against the schema: its policies, and every problem found (none when it is valid). */
export interface CheckedPolicyFile {
  policies: SourcePolicy[];
  problems: string[];
}

/**
 * Parses `text` (the file `file`) into its policies and validates them against `schema` in
 * Cedar's strict mode, as the server does at start; problems are located by line and column
 * and name each policy by its `@id`.
 */
export function checkPolicyFile(file: string, text: string, schema: string): CheckedPolicyFile {
  let policies: SourcePolicy[];
  try {
    policies = splitPolicySet(file, text);
  } catch (error) {
    if (!isGatehouseError(error, 'POLICY_INVALID')) throw error;
    return { policies: [], problems: [error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message] };
  }
  // Validating the whole file (not each part) keeps error locations relative to the file.
  const answer = validate({ schema, policies: { staticPolicies: text }, validationSettings: { mode: 'strict' } });
  if (answer.type === 'failure') return { policies, problems: answer.errors.map((error) => formatCedarError(text, error)) };
  const idOf = new Map(policies.map((policy) => [policy.cedarId, policy.id]));
  const problems = answer.validationErrors.map(({ policyId, error }) => {
    // Cedar's message names the policy by its internal name; name it by the @id a reader knows.
    const message = formatCedarError(text, { ...error, message: error.message.replace(/^for policy `[^`]*`, /, '') });
    return `policy "${idOf.get(policyId) ?? policyId}": ${message}`;
  });
  return { policies, problems };
}
