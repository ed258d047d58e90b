import { GatehouseError } from '../errors/GatehouseError.js';
import {
  preparsePolicySet,
  preparseSchema,
  statefulIsAuthorized,
  type AuthorizationAnswer,
  type CheckParseAnswer,
  type Context,
  type Entities,
} from './cedar.js';
import { cacheDecisions, DEFAULT_DECISION_CACHE_SIZE } from './cacheDecisions.js';
import type { LoadedPolicies } from './loadPolicies.js';
import type { AuthorizationRequest, Authorizer, Decision } from './types.js';

/** Names each prepared policy set apart, since Cedar caches them by name for the whole process. */
let prepared = 0;

/**
 * Prepares validated policies once inside Cedar and returns an Authorizer whose decisions
 * only pass the request across, so the per-request cost is the evaluation itself.
 */
export function createAuthorizer(loaded: LoadedPolicies, options: { cacheSize?: number } = {}): Authorizer {
  prepared += 1;
  const name = `gatehouse-authz-${prepared}`;
  // Cedar keeps the parsed schema and policy set in the wasm module's memory under `name`:
  // parsed once here, instead of once per request as `isAuthorized` would.
  mustPrepare(preparseSchema(name, loaded.schema));
  mustPrepare(preparsePolicySet(name, { staticPolicies: loaded.policies }));
  const policyIds = Object.keys(loaded.policies);

  const evaluate = (request: AuthorizationRequest): Decision => {
    let answer: AuthorizationAnswer;
    try {
      answer = statefulIsAuthorized({
        principal: request.principal,
        action: { type: 'Action', id: request.action },
        resource: request.resource,
        // Cedar checks context and entities against the schema, so a missing `mfa` or an
        // undeclared attribute is a failed request (a deny), never a guess; the casts are safe.
        context: (request.context ?? {}) as Context,
        entities: request.entities as Entities,
        // With the schema, attributes are read as their declared types: `{ type, id }` in an
        // entity-typed attribute is a reference, where without it it would be a record.
        preparsedSchemaName: name,
        preparsedPolicySetId: name,
        validateRequest: true,
      });
    } catch (error) {
      // The binding throws instead of answering when the call is not even the expected JSON shape.
      return { allowed: false, policies: [], errors: [error instanceof Error ? error.message : String(error)] };
    }
    return toDecision(answer);
  };
  // The wasm call costs tens of microseconds; the same caller asking the same thing of the
  // same resource (a page polling a grade) is answered from the cache in about one.
  const cacheSize = options.cacheSize ?? DEFAULT_DECISION_CACHE_SIZE;
  const authorize = cacheSize > 0 ? cacheDecisions(evaluate, cacheSize) : evaluate;

  return {
    get policyIds() {
      return [...policyIds];
    },
    authorize,
  };
}

/**
 * Default deny is Cedar's own. Stricter than Cedar, which skips a policy that errors, any
 * evaluation error denies: a forbid that errored must not let a permit through, and with
 * validated policies and schema-checked entities an error nearly always means the caller
 * left out an entity that a policy reads.
 */
function toDecision(answer: AuthorizationAnswer): Decision {
  if (answer.type === 'failure') {
    return { allowed: false, policies: [], errors: answer.errors.map((error) => error.message) };
  }
  const { decision, diagnostics } = answer.response;
  const errors = diagnostics.errors.map(({ policyId, error }) => `${policyId}: ${error.message}`);
  const allowed = decision === 'allow' && errors.length === 0;
  // An allow overruled by an error was decided by the error, not by the permits Cedar lists.
  const policies = decision === 'allow' && !allowed ? [] : diagnostics.reason;
  return { allowed, policies, errors };
}

function mustPrepare(answer: CheckParseAnswer): void {
  // loadPolicies has validated both already; failing here is a Cedar bug, and must still stop the server.
  if (answer.type === 'failure') {
    const problems = answer.errors.map((error) => error.message).join('; ');
    throw new GatehouseError('POLICY_INVALID', `Cedar could not prepare the validated policies: ${problems}`);
  }
}
