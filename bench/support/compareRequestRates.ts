import type { BenchResult } from './BenchResult.js';
import { compareRounds } from './compareRounds.js';
import { driveLoad, type LoadRequest, type Target } from './driveLoad.js';

// autocannon's default; enough to keep one server thread busy on loopback.
const connections = 10;
// Thousands of requests a round at the slowest; short paired rounds, as in signInRate.ts.
const plan = { warmUpMs: 2_000, durationMs: 3_000, rounds: 5 };

/**
 * The same request driven at `target` and at `baseline` in paired rounds: the requests per
 * second of each and their ratio, with `params` describing both sides.
 */
export async function compareRequestRates(name: string, sides: { target: Target; baseline: Target }, request: LoadRequest, params: Record<string, unknown>): Promise<BenchResult> {
  const outcome = await compareRounds(
    name,
    {
      value: (durationMs) => driveLoad(sides.target, request, { connections, durationMs }),
      baseline: (durationMs) => driveLoad(sides.baseline, request, { connections, durationMs }),
    },
    plan,
  );
  return {
    name,
    value: outcome.value,
    baseline: outcome.baseline,
    ratio: outcome.ratio,
    unit: 'req/s',
    params: { connections, ...plan, ...params, samples: outcome.samples },
  };
}
