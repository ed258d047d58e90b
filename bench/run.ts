// `npm run bench` runs every benchmark, `npm run bench -- signInRate` one of them; each
// prints its ratio against a baseline measured in the same run (DESIGN.md: machines are
// shared and noisy, so only ratios mean anything).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditRecorder } from './auditRecorder.js';
import { auditVerify } from './auditVerify.js';
import { authorizedRequest } from './authorizedRequest.js';
import { authzDecision } from './authzDecision.js';
import { bearerRequest } from './bearerRequest.js';
import { betterAuthPeer } from './betterAuthPeer.js';
import { lambdaColdStart } from './lambdaColdStart.js';
import { postgresRequests } from './postgresRequests.js';
import { requestInProcess } from './requestInProcess.js';
import { signInFlood } from './signInFlood.js';
import { signInRate } from './signInRate.js';
import type { Benchmark, BenchResult } from './support/BenchResult.js';

// One line a benchmark, in the order they run: add yours on a line of its own.
const benchmarks: Record<string, Benchmark> = {
  authzDecision,
  signInRate,
  authorizedRequest,
  requestInProcess,
  bearerRequest,
  signInFlood,
  lambdaColdStart,
  postgresRequests,
  auditRecorder,
  auditVerify,
  betterAuthPeer,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
let failed = false;
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  try {
    results.push(...[await benchmarks[name]!()].flat());
  } catch (error) {
    // One broken benchmark should not hide the others' numbers.
    failed = true;
    console.error(`${name} failed:`, error);
  }
}

const rounded = results.map((result) => ({
  ...result,
  value: round(result.value, 1),
  baseline: round(result.baseline, 1),
  ratio: round(result.ratio, 3),
}));
printTable(rounded);
console.log('ratio: median of the per-round ratios (each round ran both sides back to back)');
if (rounded.length > 0) {
  const file = fileURLToPath(new URL('./results/latest.json', import.meta.url));
  fs.mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(rounded, null, 2) + '\n');
  console.log(`written to ${file}`);
}
for (const result of rounded) {
  // `goal`: the ratio must reach it; `goalAtMost`: the value must not exceed it (a latency).
  const { goal, goalAtMost } = result.params;
  if (typeof goal === 'number' && result.ratio < goal) console.log(`${result.name}: ratio ${result.ratio} is under its goal of ${goal}`);
  if (typeof goalAtMost === 'number' && result.value > goalAtMost) console.log(`${result.name}: ${result.value} ${result.unit} is over its goal of ${goalAtMost}`);
}
if (failed) process.exitCode = 1;

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function printTable(rows: BenchResult[]): void {
  const header = ['name', 'value', 'baseline', 'ratio', 'unit'];
  const cells = rows.map((row) => [row.name, row.value.toFixed(1), row.baseline.toFixed(1), row.ratio.toFixed(3), row.unit]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  // Text left, numbers right, so the ratios line up.
  const line = (cell: string[]) => cell.map((text, column) => (column >= 1 && column <= 3 ? text.padStart(widths[column]!) : text.padEnd(widths[column]!))).join('  ');
  console.log('\n' + line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cell of cells) console.log(line(cell));
}
