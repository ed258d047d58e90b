import { median } from './median.js';

/** A side of a comparison: runs for `durationMs` and answers its rate. */
export type Side = (durationMs: number) => Promise<number>;

/** How long and how often both sides run. */
export interface RoundPlan {
  warmUpMs: number;
  durationMs: number;
  rounds: number;
}

/** The medians, the median per-round ratio, and every round's numbers. */
export interface Comparison {
  value: number;
  baseline: number;
  ratio: number;
  samples: { value: number[]; baseline: number[]; ratio: number[] };
}

/** Warms both sides up, runs them back to back for `plan.rounds` rounds, and reports medians. */
export async function compareRounds(name: string, sides: { value: Side; baseline: Side }, plan: RoundPlan): Promise<Comparison> {
  // JIT, SQLite's page cache, TLS and Argon2's first allocations settle before anything counts.
  await sides.baseline(plan.warmUpMs);
  await sides.value(plan.warmUpMs);
  const samples: Comparison['samples'] = { value: [], baseline: [], ratio: [] };
  for (let round = 0; round < plan.rounds; round += 1) {
    // The order flips every round: other tenants' load drifts, and a fixed order would
    // hand the drift to one side.
    let value: number;
    let baseline: number;
    if (round % 2 === 0) {
      baseline = await sides.baseline(plan.durationMs);
      value = await sides.value(plan.durationMs);
    } else {
      value = await sides.value(plan.durationMs);
      baseline = await sides.baseline(plan.durationMs);
    }
    samples.value.push(value);
    samples.baseline.push(baseline);
    samples.ratio.push(value / baseline);
    process.stderr.write(`${name} round ${round + 1}/${plan.rounds}: ${value.toFixed(1)} vs ${baseline.toFixed(1)} (${(value / baseline).toFixed(3)})\n`);
  }
  // The ratio is the median of the rounds' ratios, not the ratio of the medians: a round's
  // two numbers saw the same machine, two medians may come from different minutes.
  return { value: median(samples.value), baseline: median(samples.baseline), ratio: median(samples.ratio), samples };
}
