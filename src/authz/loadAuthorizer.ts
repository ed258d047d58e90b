import { createAuthorizer } from './createAuthorizer.js';
import { loadPolicies } from './loadPolicies.js';
import type { Authorizer } from './types.js';

/**
 * Reads `<dir>/schema.cedarschema` and every `<dir>/*.cedar`, validates them against the schema,
 * and returns an Authorizer; throws POLICY_INVALID naming the file when any of it is wrong.
 *
 * @example const authorizer = await loadAuthorizer('policies')
 */
export async function loadAuthorizer(dir: string): Promise<Authorizer> {
  return createAuthorizer(await loadPolicies(dir));
}
