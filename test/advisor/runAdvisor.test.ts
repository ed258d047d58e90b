import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisorCheck } from '../../src/advisor/AdvisorCheck.js';
import { advisorChecks } from '../../src/advisor/advisorChecks.js';
import { formatAdvisorTable } from '../../src/advisor/formatAdvisorTable.js';
import { hasCriticalFailure, runAdvisor } from '../../src/advisor/runAdvisor.js';
import { advisorFixture, type AdvisorFixture } from './support/advisorFixture.js';

let fx: AdvisorFixture;

beforeAll(async () => {
  fx = await advisorFixture();
});
afterAll(() => fx.close());

const fixed = (id: string, severity: AdvisorCheck['severity'], status: 'fail' | 'pass' | 'unknown'): AdvisorCheck => ({
  id,
  severity,
  title: `${id} title`,
  fix: `${id} fix`,
  run: async () => ({ status, finding: `${id} finding` }),
});
const broken: AdvisorCheck = {
  id: 'broken',
  severity: 'critical',
  title: 'A check with a bug',
  fix: 'none',
  run: async () => {
    throw new Error('cannot read the thing');
  },
};

describe('runAdvisor', () => {
  it('reports each check, counts failures per severity, and turns a check that throws into unknown with its reason', async () => {
    const report = await runAdvisor(fx.context({ facts: { now: Date.parse('2026-11-25T01:00:00Z') } }), [
      fixed('a', 'high', 'fail'),
      fixed('b', 'low', 'fail'),
      fixed('c', 'medium', 'pass'),
      broken,
    ]);
    expect(report.generatedAt).toBe('2026-11-25T01:00:00.000Z');
    expect(report.summary).toEqual({ critical: 0, high: 1, medium: 0, low: 1, passed: 1, unknown: 1 });
    expect(report.checks.find((c) => c.id === 'broken')).toEqual({
      id: 'broken',
      severity: 'critical',
      status: 'unknown',
      title: 'A check with a bug',
      finding: 'The check could not run: cannot read the thing',
      fix: 'none',
    });
    // An unknown critical is not a critical failure: the pipeline gate is for what is known to be wrong.
    expect(hasCriticalFailure(report)).toBe(false);
    expect(hasCriticalFailure(await runAdvisor(fx.context(), [fixed('d', 'critical', 'fail')]))).toBe(true);
  });

  it('has one check per id, each with a title and a fix', () => {
    const ids = advisorChecks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(29);
    for (const check of advisorChecks) expect(check.title.length * check.fix.length, check.id).toBeGreaterThan(0);
  });
});

describe('formatAdvisorTable', () => {
  it('puts failures first, the worst on top, with their fix; colours only when asked', async () => {
    const report = await runAdvisor(fx.context(), [fixed('ok', 'critical', 'pass'), fixed('minor', 'low', 'fail'), fixed('major', 'critical', 'fail'), fixed('maybe', 'high', 'unknown')]);
    const plain = formatAdvisorTable(report, false);
    expect(plain).not.toContain('\x1b[');
    const order = ['major', 'minor', 'maybe', 'ok'].map((id) => plain.indexOf(`  ${id}_finding`.replace('_', ' ')));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(plain).toContain('fix: major fix');
    expect(plain).not.toContain('fix: ok fix');
    expect(plain).toContain('4 checks: failing 1 critical, 0 high, 0 medium, 1 low; 1 passed; 1 unknown');
    expect(formatAdvisorTable(report, true)).toContain('\x1b[31m');
  });

  it('prints no control character a finding carries (a probed server or registry could send one)', async () => {
    const hostile = { ...fixed('hostile', 'high', 'fail'), run: async () => ({ status: 'fail' as const, finding: 'evil\x1b[2K\rPASS\u009b31m' }) };
    const plain = formatAdvisorTable(await runAdvisor(fx.context(), [hostile]), false);
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(plain).toContain('evil\ufffd[2K\ufffdPASS\ufffd31m');
  });
});
