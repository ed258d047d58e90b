import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPowersUnguarded } from '../../src/advisor/checks/adminPowersUnguarded.js';
import { policyPermitsAll } from '../../src/advisor/checks/policyPermitsAll.js';
import { policySchema } from '../../src/advisor/checks/policySchema.js';
import { advisorFixture, runCheck, type AdvisorFixture } from './support/advisorFixture.js';

let fx: AdvisorFixture;

beforeAll(async () => {
  fx = await advisorFixture();
});
afterAll(() => fx.close());

/** A copy of the shipped policies folder, with `add` written in and `remove` taken out. */
function policiesWith(add: Record<string, string>, remove: string[] = []): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(fx.dataDir, 'policies-'));
  for (const name of fs.readdirSync('policies')) if (!remove.includes(name)) fs.copyFileSync(path.join('policies', name), path.join(dir, name));
  for (const [name, text] of Object.entries(add)) fs.writeFileSync(path.join(dir, name), text);
  return { GATEHOUSE_POLICIES_DIR: dir };
}

describe('the shipped policies', () => {
  it('pass every policy check', async () => {
    for (const check of [policyPermitsAll, policySchema, adminPowersUnguarded]) {
      expect(await runCheck(check, fx.context()), check.id).toMatchObject({ status: 'pass' });
    }
  });
});

describe('policy-permit-all (critical)', () => {
  it('fails for a policy that permits any principal any action on any resource', async () => {
    const env = policiesWith({ 'open.cedar': '@id("debug.open")\npermit (principal, action, resource);\n' });
    const result = await runCheck(policyPermitsAll, fx.context({ env }));
    expect(result).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(result.finding).toContain('debug.open');
  });

  it('fails when the only condition is always true, and passes when a condition constrains it', async () => {
    const alwaysTrue = policiesWith({ 'open.cedar': '@id("open.when-true")\npermit (principal, action, resource) when { true };\n' });
    expect((await runCheck(policyPermitsAll, fx.context({ env: alwaysTrue }))).status).toBe('fail');
    const constrained = policiesWith({ 'open.cedar': '@id("open.mfa")\npermit (principal, action, resource) when { context.mfa };\n' });
    expect((await runCheck(policyPermitsAll, fx.context({ env: constrained }))).status).toBe('pass');
  });
});

describe('policy-schema (critical)', () => {
  it('fails for a policy that does not validate against the schema, naming it', async () => {
    const env = policiesWith({ 'typo.cedar': '@id("grades.typo")\npermit (principal in Group::"teachers", action == Action::"DeleteEverything", resource);\n' });
    const result = await runCheck(policySchema, fx.context({ env }));
    expect(result).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(result.finding).toContain('typo.cedar');
  });
});

describe('policy-admin-guardrails', () => {
  it('fails when no forbid limits root', async () => {
    const env = policiesWith({}, ['root.cedar']);
    const result = await runCheck(adminPowersUnguarded, fx.context({ env }));
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.finding).toContain('no forbid limits Group::"root"');
  });

  it('fails when a permit gives administrators every action', async () => {
    const env = policiesWith({ 'wide.cedar': '@id("admins.everything")\npermit (principal in Group::"admins", action, resource);\n' });
    const result = await runCheck(adminPowersUnguarded, fx.context({ env }));
    expect(result.status).toBe('fail');
    expect(result.finding).toContain('"admins.everything"');
  });
});
