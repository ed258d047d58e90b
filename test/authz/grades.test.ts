import { beforeAll, describe, expect, it } from 'vitest';

import { loadAuthorizer, type Authorizer } from '../../src/authz/index.js';
import { ask, freshMfa, grade, shippedPolicies, user } from './fixtures.js';

const teacher = user('tina', ['teachers']);
const student = user('sam', ['students']);
const otherStudent = user('olga', ['students']);

describe('grades policies', () => {
  let authorizer: Authorizer;
  beforeAll(async () => {
    authorizer = await loadAuthorizer(shippedPolicies);
  });

  it('lets a teacher create and update any grade (updates with fresh MFA)', () => {
    for (const action of ['CreateGrade', 'UpdateGrade']) {
      expect(authorizer.authorize(ask(action, [teacher, grade('g1', 'sam')], undefined, freshMfa))).toEqual({
        allowed: true,
        policies: ['grades.teachers-write'],
        errors: [],
      });
    }
  });

  it('refuses a grade update without a second factor proven in the last 15 minutes', () => {
    const forbidden = { allowed: false, policies: ['grades.update-needs-fresh-mfa'], errors: [] };
    expect(authorizer.authorize(ask('UpdateGrade', [teacher, grade('g1', 'sam')]))).toEqual(forbidden);
    expect(authorizer.authorize(ask('UpdateGrade', [teacher, grade('g1', 'sam')], undefined, { mfa: true, authAge: 901 }))).toEqual(forbidden);
    expect(authorizer.authorize(ask('UpdateGrade', [teacher, grade('g1', 'sam')], undefined, { mfa: true }))).toEqual(forbidden);
    expect(authorizer.authorize(ask('UpdateGrade', [teacher, grade('g1', 'sam')], undefined, { mfa: true, authAge: 900 })).allowed).toBe(true);
    // Creating needs no step-up.
    expect(authorizer.authorize(ask('CreateGrade', [teacher, grade('g1', 'sam')])).allowed).toBe(true);
  });

  it('refuses root every application action, MFA or not', () => {
    const root = user('root', ['root']);
    for (const action of ['CreateGrade', 'UpdateGrade', 'ReadGrade']) {
      expect(authorizer.authorize(ask(action, [root, grade('g1', 'sam')], undefined, freshMfa))).toEqual({ allowed: false, policies: ['root.no-daily-use'], errors: [] });
    }
  });

  it("lets a teacher read any grade and list any student's grades", () => {
    const read = authorizer.authorize(ask('ReadGrade', [teacher, grade('g1', 'sam')]));
    expect(read).toEqual({ allowed: true, policies: ['grades.teachers-read'], errors: [] });
    const list = authorizer.authorize(ask('ListGrades', [teacher, student]));
    expect(list).toEqual({ allowed: true, policies: ['grades.teachers-read'], errors: [] });
  });

  it('refuses a student who writes a grade', () => {
    for (const action of ['CreateGrade', 'UpdateGrade']) {
      // Even a grade of their own: being graded does not make one a grader.
      expect(authorizer.authorize(ask(action, [student, grade('g1', 'sam')], undefined, freshMfa))).toEqual({ allowed: false, policies: [], errors: [] });
    }
  });

  it('lets a student read their own grade', () => {
    const decision = authorizer.authorize(ask('ReadGrade', [student, grade('g1', 'sam')]));
    expect(decision).toEqual({ allowed: true, policies: ['grades.student-reads-own'], errors: [] });
  });

  it("refuses a student who reads another student's grade", () => {
    const decision = authorizer.authorize(ask('ReadGrade', [student, grade('g2', 'olga')]));
    expect(decision).toEqual({ allowed: false, policies: [], errors: [] });
  });

  it('lets a student list their own grades', () => {
    const decision = authorizer.authorize(ask('ListGrades', [student], student.uid));
    expect(decision).toEqual({ allowed: true, policies: ['grades.student-lists-own'], errors: [] });
  });

  it("refuses a student who lists another student's grades", () => {
    const decision = authorizer.authorize(ask('ListGrades', [student, otherStudent]));
    expect(decision).toEqual({ allowed: false, policies: [], errors: [] });
  });

  it('gives nothing to a group that is not teachers', () => {
    const admin = user('ada', ['admins', 'auditors']);
    expect(authorizer.authorize(ask('UpdateGrade', [admin, grade('g1', 'sam')])).allowed).toBe(false);
  });
});
