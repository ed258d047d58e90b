import { fileURLToPath } from 'node:url';
import { preparsePolicySet, preparseSchema, statefulIsAuthorized, type Context, type Entities } from '../src/authz/cedar.js';
import { createAuthorizer } from '../src/authz/createAuthorizer.js';
import type { AuthorizationRequest, CedarEntity } from '../src/authz/index.js';
import { loadPolicies } from '../src/authz/loadPolicies.js';
import { entityRef } from '../src/apps/Authorize.js';
import type { BenchResult } from './support/BenchResult.js';
import { median } from './support/median.js';

// Each round times this many single calls; the p50 of a round is its median.
const callsPerRound = 3_000;
const plan = { warmUpCalls: 3_000, rounds: 5 };

/**
 * The authorization decision as `GET /api/grades/:id` asks it (principal with its email and
 * group, the group, the grade), p50 in process: Gatehouse's Authorizer against the bare
 * cedar-wasm call on the same prepared schema and policies with the same request.
 */
export async function authzDecision(): Promise<BenchResult> {
  const loaded = await loadPolicies(fileURLToPath(new URL('../policies', import.meta.url)));
  const gatehouse = createAuthorizer(loaded);
  const uncached = createAuthorizer(loaded, { cacheSize: 0 });
  const bareName = 'bench-bare';
  if (preparseSchema(bareName, loaded.schema).type !== 'success' || preparsePolicySet(bareName, { staticPolicies: loaded.policies }).type !== 'success') {
    throw new Error('cedar-wasm could not prepare the shipped policies');
  }

  const request = studentReadsOwnGrade();
  const bare = () =>
    statefulIsAuthorized({
      principal: request.principal,
      action: { type: 'Action', id: request.action },
      resource: request.resource,
      context: request.context as Context,
      entities: request.entities as Entities,
      preparsedSchemaName: bareName,
      preparsedPolicySetId: bareName,
      validateRequest: true,
    });
  // Both must allow, or the comparison would time a cheap refusal.
  const bareAnswer = bare();
  if (bareAnswer.type !== 'success' || bareAnswer.response.decision !== 'allow') throw new Error(`the bare call does not allow: ${JSON.stringify(bareAnswer)}`);
  if (!gatehouse.authorize(request).allowed || !uncached.authorize(request).allowed) throw new Error('Gatehouse does not allow the request');

  const sides = {
    value: () => gatehouse.authorize(request),
    baseline: bare,
    miss: () => uncached.authorize(request),
  };
  for (const side of Object.values(sides)) p50(side, plan.warmUpCalls);
  const samples = { value: [] as number[], baseline: [] as number[], miss: [] as number[], ratio: [] as number[] };
  for (let round = 0; round < plan.rounds; round += 1) {
    const value = p50(sides.value, callsPerRound);
    const baseline = p50(sides.baseline, callsPerRound);
    const miss = p50(sides.miss, callsPerRound);
    samples.value.push(value);
    samples.baseline.push(baseline);
    samples.miss.push(miss);
    samples.ratio.push(value / baseline);
    process.stderr.write(`authzDecision round ${round + 1}/${plan.rounds}: ${value.toFixed(2)} vs ${baseline.toFixed(2)} µs (uncached ${miss.toFixed(2)} µs)\n`);
  }
  return {
    name: 'authzDecision',
    value: median(samples.value),
    baseline: median(samples.baseline),
    ratio: median(samples.ratio),
    unit: 'µs p50 (lower is better)',
    params: {
      callsPerRound,
      warmUpCalls: plan.warmUpCalls,
      rounds: plan.rounds,
      request: 'ReadGrade by the grade’s student: 3 entities (user with email and group, group, grade), context { mfa: false }',
      baseline: 'statefulIsAuthorized on the same prepared schema and policy set (the bare cedar-wasm call)',
      value: 'Authorizer.authorize, decision cache warm (a hit)',
      uncachedP50: median(samples.miss),
      goalAtMost: 10,
      samples,
    },
  };
}

function studentReadsOwnGrade(): AuthorizationRequest {
  const student: CedarEntity = { uid: { type: 'User', id: 'u_student' }, attrs: { email: 'student@bench.example' }, parents: [{ type: 'Group', id: 'students' }] };
  const group: CedarEntity = { uid: { type: 'Group', id: 'students' }, attrs: {}, parents: [] };
  const grade: CedarEntity = { uid: { type: 'Grade', id: 'g_1' }, attrs: { student: entityRef('User', 'u_student'), course: 'Mathematics' }, parents: [] };
  return { principal: student.uid, action: 'ReadGrade', resource: grade.uid, context: { mfa: false }, entities: [student, group, grade] };
}

/** The median time of `count` single calls, in microseconds. */
function p50(call: () => unknown, count: number): number {
  const times = new Float64Array(count);
  for (let index = 0; index < count; index += 1) {
    const start = process.hrtime.bigint();
    call();
    times[index] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return median(Array.from(times));
}
