import type { AuthorizationRequest, Decision } from './types.js';

/** How many distinct requests a cache remembers: at ~0.5 KB a key, a few MB at most. */
export const DEFAULT_DECISION_CACHE_SIZE = 10_000;

/**
 * Wraps `decide` in a cache keyed on every input of the decision: the request serialised
 * whole (principal, action, resource, context and every entity with its attributes and
 * parents). Cedar's evaluation is a pure function of that request and the policy set, and
 * one cache belongs to one prepared policy set, so a hit answers what Cedar would answer.
 *
 * @example const authorize = cacheDecisions((request) => cedarDecision(request))
 */
export function cacheDecisions(decide: (request: AuthorizationRequest) => Decision, maxEntries = DEFAULT_DECISION_CACHE_SIZE): (request: AuthorizationRequest) => Decision {
  const decisions = new Map<string, Decision>();
  return (request) => {
    const key = keyOf(request);
    // A request that JSON cannot describe whole (a bigint, a cycle) is decided afresh.
    if (key === undefined) return decide(request);
    const cached = decisions.get(key);
    if (cached) return copy(cached);
    // Cedar is handed the key's own parse, not the caller's object, so the decision depends
    // on the key alone: an `undefined`, a Date or a function that JSON drops or rewrites
    // cannot make two requests share a key and differ in Cedar's eyes.
    const decision = copy(decide(JSON.parse(key) as AuthorizationRequest));
    // Oldest first out: bounded memory whatever callers send, no bookkeeping on a hit.
    if (decisions.size >= maxEntries) decisions.delete(decisions.keys().next().value!);
    decisions.set(key, decision);
    return copy(decision);
  };
}

function keyOf(request: AuthorizationRequest): string | undefined {
  try {
    // A fresh object, so the key's field order is fixed whatever order the caller built.
    const { principal, action, resource, context, entities } = request;
    return JSON.stringify({ principal, action, resource, context, entities });
  } catch {
    return undefined;
  }
}

// Each caller gets its own arrays: one that sorts or extends them cannot change the next answer.
function copy(decision: Decision): Decision {
  return { allowed: decision.allowed, policies: [...decision.policies], errors: [...decision.errors] };
}
