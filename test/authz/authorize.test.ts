import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadAuthorizer, type AuthorizationRequest, type Authorizer } from '../../src/authz/index.js';
import { ask, grade, order, policyDir, shippedPolicies, user } from './fixtures.js';

const teacher = user('tina', ['teachers']);
const student = user('sam', ['students']);

describe('authorize', () => {
  let authorizer: Authorizer;
  beforeAll(async () => {
    authorizer = await loadAuthorizer(shippedPolicies);
  });

  it('lists every shipped policy id', () => {
    expect(authorizer.policyIds).toEqual([
      'advisor.admins-run',
      'audit.auditors-read',
      'audit.root-reads',
      'channels.user-opens',
      'channels.members-read',
      'channels.members-post',
      'channels.member-lists',
      'clients.reporting-reads-grades',
      'console.admins-manage-users',
      'console.admins-edit-policies',
      'console.auditors-verify',
      'console.root-administers',
      'console.root-account-untouchable',
      'console.fresh-mfa',
      'grades.teachers-write',
      'grades.teachers-read',
      'grades.student-reads-own',
      'grades.student-lists-own',
      'grades.update-needs-fresh-mfa',
      'grades.teachers-list-students',
      'orders.customer-creates',
      'orders.owner-reads',
      'orders.owner-checks-out',
      'orders.owner-lists',
      'root.no-daily-use',
      'shield.admins-manage',
    ]);
  });

  it('denies an action that no policy permits', () => {
    const decision = authorizer.authorize(ask('ReadOrder', [teacher, order('1', 'olivia')]));
    expect(decision).toEqual({ allowed: false, policies: [], errors: [] });
  });

  it('reads entity references written { type, id } as entities, because the schema types them', () => {
    const plain = { uid: { type: 'Grade', id: 'g1' }, attrs: { student: { type: 'User', id: 'sam' }, course: 'maths' }, parents: [] };
    expect(authorizer.authorize(ask('ReadGrade', [student, plain])).allowed).toBe(true);
  });

  it('denies with an error when the context lacks mfa', () => {
    const { context: _omitted, ...request } = ask('ReadGrade', [student, grade('g1', 'sam')]);
    const decision = authorizer.authorize(request);
    expect(decision.allowed).toBe(false);
    expect(decision.errors.join()).toMatch(/mfa/);
  });

  it('denies with an error an action the schema does not declare', () => {
    const decision = authorizer.authorize(ask('DeleteGrade', [teacher, grade('g1', 'sam')]));
    expect(decision.allowed).toBe(false);
    expect(decision.errors).not.toEqual([]);
  });

  it('denies with an error a resource of the wrong type for the action', () => {
    const decision = authorizer.authorize(ask('ReadGrade', [teacher, order('1', 'tina')]));
    expect(decision.allowed).toBe(false);
    expect(decision.errors).not.toEqual([]);
  });

  it('denies with an error an entity attribute the schema does not declare', () => {
    const forged = { ...grade('g1', 'sam'), attrs: { ...grade('g1', 'sam').attrs, public: true } };
    const decision = authorizer.authorize(ask('ReadGrade', [student, forged]));
    expect(decision.allowed).toBe(false);
    expect(decision.errors.join()).toMatch(/public/);
  });

  it('denies with an error two different entities under one uid', () => {
    const decision = authorizer.authorize(ask('ReadGrade', [student, grade('g1', 'olga'), grade('g1', 'sam')]));
    expect(decision.allowed).toBe(false);
    expect(decision.errors.join()).toMatch(/duplicate/);
  });

  it('denies when a policy errors, even though another permits, naming the policy that errored', () => {
    // The grade entity is missing: the teachers' permit holds, the student's policy cannot be evaluated.
    const request = { ...ask('ReadGrade', [teacher]), resource: { type: 'Grade', id: 'g1' } };
    const decision = authorizer.authorize(request);
    expect(decision).toMatchObject({ allowed: false, policies: [] });
    expect(decision.errors).toEqual([expect.stringContaining('grades.student-reads-own')]);
  });

  it('denies rather than throws on a request that is not even the right shape', () => {
    const garbage = { ...ask('ReadGrade', [student, grade('g1', 'sam')]), entities: 'all of them' } as unknown as AuthorizationRequest;
    const decision = authorizer.authorize(garbage);
    expect(decision.allowed).toBe(false);
    expect(decision.errors).not.toEqual([]);
  });
});

describe('authorize with a forbid policy', () => {
  let authorizer: Authorizer;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (const name of ['grades.cedar', 'orders.cedar']) files[name] = await readFile(join(shippedPolicies, name), 'utf8');
    files['step-up.cedar'] = `
      @id("orders.checkout-needs-mfa")
      forbid (principal, action == Action::"CheckoutOrder", resource) unless { context.mfa };
    `;
    const made = await policyDir(files);
    remove = made.remove;
    authorizer = await loadAuthorizer(made.dir);
  });
  afterAll(() => remove());

  it('names the forbid that denied', () => {
    const owner = user('olivia');
    const decision = authorizer.authorize(ask('CheckoutOrder', [owner, order('123', 'olivia')]));
    expect(decision).toEqual({ allowed: false, policies: ['orders.checkout-needs-mfa'], errors: [] });
  });

  it('allows once the context carries mfa', () => {
    const owner = user('olivia');
    const request = { ...ask('CheckoutOrder', [owner, order('123', 'olivia')]), context: { mfa: true } };
    expect(authorizer.authorize(request)).toEqual({ allowed: true, policies: ['orders.owner-checks-out'], errors: [] });
  });
});
