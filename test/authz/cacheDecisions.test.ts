import { beforeAll, describe, expect, it } from 'vitest';

import { preparsePolicySet, preparseSchema, statefulIsAuthorized, type Context, type Entities } from '../../src/authz/cedar.js';
import { cacheDecisions } from '../../src/authz/cacheDecisions.js';
import { createAuthorizer } from '../../src/authz/createAuthorizer.js';
import type { AuthorizationRequest, Authorizer, CedarEntity, Decision } from '../../src/authz/index.js';
import { loadPolicies, type LoadedPolicies } from '../../src/authz/loadPolicies.js';
import { grade, shippedPolicies, user } from './fixtures.js';

// The decision cache must answer exactly what Cedar answers. Every generated request is
// decided three ways: by the bare cedar-wasm call (schema and policies parsed per call, no
// Gatehouse code on the way), by a cached Authorizer (a miss the first time a request is
// seen, a hit after), and again by the cached one, which must now be a hit.
const requestCount = 3_000;

describe('the decision cache', () => {
  let loaded: LoadedPolicies;
  let cached: Authorizer;
  beforeAll(async () => {
    loaded = await loadPolicies(shippedPolicies);
    cached = createAuthorizer(loaded);
    expect(preparseSchema(reference, loaded.schema).type).toBe('success');
    expect(preparsePolicySet(reference, { staticPolicies: loaded.policies }).type).toBe('success');
  });

  it(`decides ${requestCount} generated requests exactly as the bare cedar-wasm call does`, () => {
    const random = seeded(20261124);
    const outcomes = { allowed: 0, denied: 0, errored: 0 };
    for (let index = 0; index < requestCount; index += 1) {
      const request = generate(random);
      const expected = bare(request);
      const first = cached.authorize(request);
      const second = cached.authorize(structuredClone(request));
      expect(summary(first), JSON.stringify(request)).toEqual(expected);
      expect(summary(second), JSON.stringify(request)).toEqual(expected);
      if (expected.errored) outcomes.errored += 1;
      else if (expected.allowed) outcomes.allowed += 1;
      else outcomes.denied += 1;
    }
    // A generator that only produced denials would prove nothing about the allows.
    expect(outcomes.allowed).toBeGreaterThan(requestCount / 10);
    expect(outcomes.denied).toBeGreaterThan(requestCount / 10);
    expect(outcomes.errored).toBeGreaterThan(requestCount / 50);
  }, 120_000);

  it('denies at once when the resource moves to another student, though the same uid was allowed before', () => {
    const sam = user('sam', ['students']);
    expect(cached.authorize(readGrade(sam, grade('moved', 'sam'))).allowed).toBe(true);
    expect(cached.authorize(readGrade(sam, grade('moved', 'olivia'))).allowed).toBe(false);
  });

  it('denies at once when the caller leaves a group', () => {
    const tina = user('tina', ['teachers']);
    expect(cached.authorize(readGrade(tina, grade('g', 'sam'))).allowed).toBe(true);
    expect(cached.authorize(readGrade(user('tina', []), grade('g', 'sam'))).allowed).toBe(false);
  });

  it('hands every caller its own copy, so none can change the next answer', () => {
    const request = readGrade(user('sam'), grade('copied', 'sam'));
    const first = cached.authorize(request);
    first.policies.push('forged');
    first.allowed = false;
    expect(cached.authorize(request)).toEqual({ allowed: true, policies: ['grades.student-reads-own'], errors: [] });
  });

  it('keeps at most its size, oldest out first', () => {
    // Cedar itself behind a two-entry cache, counting what reaches it.
    const cedar = createAuthorizer(loaded, { cacheSize: 0 });
    let reached = 0;
    const small = { authorize: cacheDecisions((request) => ((reached += 1), cedar.authorize(request)), 2) };
    const calls = () => reached;
    const requests = ['a', 'b', 'c'].map((id) => readGrade(user('sam'), grade(id, 'sam')));
    for (const request of requests) small.authorize(request);
    expect(calls()).toBe(3);
    small.authorize(requests[2]!);
    expect(calls()).toBe(3);
    // The first was pushed out by the third: decided afresh by Cedar.
    small.authorize(requests[0]!);
    expect(calls()).toBe(4);
  });
});

function readGrade(principal: CedarEntity, resource: CedarEntity): AuthorizationRequest {
  return { principal: principal.uid, action: 'ReadGrade', resource: resource.uid, context: { mfa: false }, entities: [principal, resource] };
}

/** What a decision says, compared with the reference: allowed, by which policies, with errors or not. */
function summary(decision: Decision) {
  return { allowed: decision.allowed, policies: [...decision.policies].sort(), errored: decision.errors.length > 0 };
}

const reference = 'decision-cache-reference';

/** The reference: cedar-wasm's own call, with Gatehouse's rule that any error denies. */
function bare(request: AuthorizationRequest) {
  const answer = statefulIsAuthorized({
    principal: request.principal,
    action: { type: 'Action', id: request.action },
    resource: request.resource,
    context: (request.context ?? {}) as Context,
    entities: request.entities as Entities,
    preparsedSchemaName: reference,
    preparsedPolicySetId: reference,
    validateRequest: true,
  });
  if (answer.type === 'failure') return { allowed: false, policies: [], errored: true };
  const errored = answer.response.diagnostics.errors.length > 0;
  const allowed = answer.response.decision === 'allow' && !errored;
  const policies = answer.response.decision === 'allow' && errored ? [] : [...answer.response.diagnostics.reason].sort();
  return { allowed, policies, errored };
}

const users = ['u0', 'u1', 'u2', 'u3'];
const groupNames = ['teachers', 'students', 'admins'];
const actions = ['CreateGrade', 'UpdateGrade', 'ReadGrade', 'ListGrades', 'CreateOrder', 'ReadOrder', 'CheckoutOrder', 'DeleteGrade'];

/**
 * A request drawn from small pools, so the same request comes back often (cache hits) and
 * near-identical ones differ in one input (a group, an owner, the context, a missing entity).
 * Some are malformed on purpose: a resource of the wrong type, a context without `mfa` or with
 * a string, an undeclared attribute, an entity left out.
 */
function generate(random: () => number): AuthorizationRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const principalId = pick(users);
  const groups = groupNames.filter(() => chance(0.35));
  const principal: CedarEntity = {
    uid: { type: 'User', id: principalId },
    attrs: chance(0.03) ? { email: `${principalId}@school.test`, nickname: 'x' } : chance(0.5) ? { email: `${principalId}@school.test` } : {},
    parents: groups.map((id) => ({ type: 'Group', id })),
  };
  const action = pick(actions);
  const reference = (id: string) => (chance(0.5) ? { __entity: { type: 'User', id } } : { type: 'User', id });
  const resources: CedarEntity[] = [
    { uid: { type: 'Grade', id: pick(['g0', 'g1']) }, attrs: { student: reference(pick(users)), course: 'maths' }, parents: [] },
    { uid: { type: 'Order', id: pick(['o0', 'o1']) }, attrs: { owner: reference(pick(users)), status: 'OPEN' }, parents: [] },
    { uid: { type: 'Store', id: 'main' }, attrs: {}, parents: [] },
    { uid: { type: 'User', id: pick(users) }, attrs: {}, parents: [] },
  ];
  // Mostly the resource the action applies to, sometimes any other.
  const fitting = action.includes('Grade') ? (action === 'ListGrades' ? 3 : 0) : action === 'CreateOrder' ? 2 : 1;
  const resource = chance(0.9) ? resources[fitting]! : pick(resources);
  const context = chance(0.96) ? { mfa: chance(0.5) } : pick<Record<string, unknown> | undefined>([{}, { mfa: 'yes' }, undefined]);
  const entities = [principal, ...groups.map((id): CedarEntity => ({ uid: { type: 'Group', id }, attrs: {}, parents: [] }))];
  const sameUid = resource.uid.type === 'User' && resource.uid.id === principalId;
  if (!sameUid && chance(0.97)) entities.push(resource);
  return { principal: principal.uid, action, resource: resource.uid, context, entities };
}

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
