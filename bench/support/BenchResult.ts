/** One benchmark's outcome, as `bench/run.ts` prints it and writes it to `bench/results/latest.json`. */
export interface BenchResult {
  name: string;
  /** What Gatehouse achieved (median over the rounds). */
  value: number;
  /** What the baseline achieved on the same machine in the same run (median over the rounds). */
  baseline: number;
  /** Median of the per-round value ÷ baseline. */
  ratio: number;
  unit: string;
  params: Record<string, unknown>;
}

/** A benchmark: starts its own server, measures both sides, and cleans up; a few figures may share one set-up. */
export type Benchmark = () => Promise<BenchResult | BenchResult[]>;
