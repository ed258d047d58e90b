import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadAuthorizer } from '../../src/authz/index.js';
import { isGatehouseError } from '../../src/errors/GatehouseError.js';
import { ask, order, policyDir, user } from './fixtures.js';

const permitRead = (id: string) => `@id("${id}")\npermit (principal, action == Action::"ReadOrder", resource);\n`;

describe('loadAuthorizer', () => {
  const made: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((remove) => remove()));
  });
  async function dir(files: Record<string, string>, schema?: string): Promise<string> {
    const result = await policyDir(files, schema);
    made.push(result.remove);
    return result.dir;
  }

  /** The POLICY_INVALID error that loading `directory` throws. */
  async function invalid(directory: string): Promise<Error> {
    const error = await loadAuthorizer(directory).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!isGatehouseError(error, 'POLICY_INVALID')) throw new Error(`expected POLICY_INVALID, got ${String(error)}`);
    return error;
  }

  it('throws POLICY_INVALID naming the file and line of a policy that does not parse', async () => {
    const path = await dir({ 'good.cedar': permitRead('ok'), 'broken.cedar': '@id("x")\npermit (principal, action, resource) when { 1 + };\n' });
    const error = await invalid(path);
    expect(error.message).toMatch(/^\S*broken\.cedar: line 2, column \d+: /);
  });

  it('throws POLICY_INVALID naming the file and policy that reads an unknown attribute', async () => {
    const path = await dir({
      'grades.cedar': '@id("grades.score")\npermit (principal, action == Action::"ReadGrade", resource) when { resource.score > 10 };\n',
    });
    const error = await invalid(path);
    expect(error.message).toContain(join(path, 'grades.cedar'));
    expect(error.message).toContain('policy "grades.score"');
    expect(error.message).toContain('score');
  });

  it('throws POLICY_INVALID for an action the schema does not declare', async () => {
    const path = await dir({ 'orders.cedar': '@id("o")\npermit (principal, action == Action::"RefundOrder", resource);\n' });
    expect((await invalid(path)).message).toContain('orders.cedar');
  });

  it('throws POLICY_INVALID when the schema is missing', async () => {
    const path = await dir({ 'orders.cedar': permitRead('o') });
    await rm(join(path, 'schema.cedarschema'));
    expect((await invalid(path)).message).toContain('schema.cedarschema: missing');
  });

  it('throws POLICY_INVALID naming the schema when it does not parse', async () => {
    const path = await dir({ 'orders.cedar': permitRead('o') }, 'entity User { email: Strin };');
    expect((await invalid(path)).message).toMatch(/schema\.cedarschema: .*Strin/);
  });

  it('throws POLICY_INVALID for a policy id used twice across files', async () => {
    const path = await dir({ 'a.cedar': permitRead('same'), 'b.cedar': permitRead('same') });
    const error = await invalid(path);
    expect(error.message).toContain('b.cedar: duplicate policy id "same"');
    expect(error.message).toContain('a.cedar');
  });

  it('throws POLICY_INVALID for a policy id used twice in one file', async () => {
    const path = await dir({ 'a.cedar': permitRead('same') + permitRead('same') });
    expect((await invalid(path)).message).toContain('duplicate policy id "same"');
  });

  it('throws POLICY_INVALID for an empty id', async () => {
    const path = await dir({ 'a.cedar': permitRead('') });
    expect((await invalid(path)).message).toContain('a.cedar: policy #0 has an empty @id');
  });

  it('throws POLICY_INVALID for a policy template', async () => {
    const path = await dir({ 'a.cedar': '@id("t")\npermit (principal == ?principal, action, resource);\n' });
    expect((await invalid(path)).message).toContain('a.cedar: policy templates');
  });

  it('throws POLICY_INVALID for a directory without policies', async () => {
    const path = await dir({});
    expect((await invalid(path)).message).toContain('no .cedar policy files');
  });

  it('names a policy without @id by its file and index, in source order past ten', async () => {
    // Twelve policies: Cedar hands parts back sorted as strings (policy10 before policy2).
    const text = Array.from({ length: 12 }, (_, i) =>
      i === 11 ? 'permit (principal, action == Action::"ReadOrder", resource);' : 'permit (principal, action == Action::"CreateOrder", resource);',
    ).join('\n');
    const authorizer = await loadAuthorizer(await dir({ 'anon.cedar': text }));
    expect(authorizer.policyIds).toEqual(Array.from({ length: 12 }, (_, i) => `anon.cedar#${i}`));
    const decision = authorizer.authorize(ask('ReadOrder', [user('u'), order('1', 'someone')]));
    expect(decision).toEqual({ allowed: true, policies: ['anon.cedar#11'], errors: [] });
  });

  it('names a failing policy by its @id even past ten policies in a file', async () => {
    const text = [...Array.from({ length: 11 }, (_, i) => permitRead(`p${i}`)), '@id("bad")\npermit (principal, action, resource) when { resource.nope };\n'].join('');
    const error = await invalid(await dir({ 'many.cedar': text }));
    expect(error.message).toContain('policy "bad"');
    expect(error.message).toContain('line 24');
  });

  it('keeps a policy whose id is __proto__', async () => {
    const authorizer = await loadAuthorizer(await dir({ 'orders.cedar': permitRead('__proto__') }));
    expect(authorizer.policyIds).toEqual(['__proto__']);
    expect(authorizer.authorize(ask('ReadOrder', [user('u'), order('1', 'someone')])).policies).toEqual(['__proto__']);
  });

  it('skips dotfiles such as editor lock files', async () => {
    const authorizer = await loadAuthorizer(await dir({ 'orders.cedar': permitRead('o'), '.#orders.cedar': 'not cedar' }));
    expect(authorizer.policyIds).toEqual(['o']);
  });
});
