import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVISOR_REPORT_TTL_MS, advisorReportCache } from '../../src/advisor/advisorReportCache.js';
import { passwordPolicy } from '../../src/advisor/checks/passwordPolicy.js';
import { rootWithoutMfa } from '../../src/advisor/checks/rootWithoutMfa.js';
import { runAdvisor } from '../../src/advisor/runAdvisor.js';
import { advisorFixture, type AdvisorFixture } from './support/advisorFixture.js';

let fx: AdvisorFixture;
beforeAll(async () => {
  fx = await advisorFixture();
});
afterAll(() => fx.close());

/** The real runner over real checks at the injected clock's now, counting its runs. */
function countedRunner(clock: () => number) {
  const counter = { runs: 0 };
  const run = () => {
    counter.runs += 1;
    return runAdvisor(fx.context({ facts: { now: clock() } }), [rootWithoutMfa, passwordPolicy]);
  };
  return { counter, run };
}

describe('the advisor report cache', () => {
  it('answers calls within five minutes from one run, and runs again after', async () => {
    let now = Date.parse('2026-11-25T04:00:00Z');
    const clock = () => now;
    const { counter, run } = countedRunner(clock);
    const cache = advisorReportCache(run, clock);
    const first = await cache.report();
    expect(first.generatedAt).toBe('2026-11-25T04:00:00.000Z');
    now += ADVISOR_REPORT_TTL_MS - 1;
    expect(await cache.report()).toBe(first);
    expect(counter.runs).toBe(1);
    now += 1;
    const second = await cache.report();
    expect(counter.runs).toBe(2);
    expect(second.generatedAt).toBe('2026-11-25T04:05:00.000Z');
  });

  it('shares one run among concurrent calls, fresh ones too', async () => {
    const now = Date.parse('2026-11-25T04:00:00Z');
    const { counter, run } = countedRunner(() => now);
    const cache = advisorReportCache(run, () => now);
    const reports = await Promise.all([cache.report(), cache.report(), cache.report(true)]);
    expect(counter.runs).toBe(1);
    expect(new Set(reports).size).toBe(1);
  });

  it('runs again when asked for a fresh report within the five minutes', async () => {
    let now = Date.parse('2026-11-25T04:00:00Z');
    const { counter, run } = countedRunner(() => now);
    const cache = advisorReportCache(run, () => now);
    await cache.report();
    now += 60_000;
    const fresh = await cache.report(true);
    expect(counter.runs).toBe(2);
    expect(fresh.generatedAt).toBe('2026-11-25T04:01:00.000Z');
    // The fresh report is the one kept.
    expect(await cache.report()).toBe(fresh);
  });

  it('keeps no run that failed: the next call runs again', async () => {
    const now = Date.parse('2026-11-25T04:00:00Z');
    const { counter, run } = countedRunner(() => now);
    let fail = true;
    const cache = advisorReportCache(() => (fail ? Promise.reject(new Error('store down')) : run()), () => now);
    await expect(cache.report()).rejects.toThrow('store down');
    fail = false;
    await cache.report();
    expect(counter.runs).toBe(1);
  });
});
