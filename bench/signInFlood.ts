import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import type { BenchResult } from './support/BenchResult.js';
import { median } from './support/median.js';
import { startBenchServer } from './support/startBenchServer.js';

// The flooder: this many connections, each sending its next wrong sign-in as soon as the last
// is answered, all from 127.0.0.2. The legitimate client, from 127.0.0.3, reads its session
// every `intervalMs` (15 a second: under the default 1200 a minute per address).
const flooders = 16;
const intervalMs = 66;
// Short paired rounds, as in the other benchmarks: unloaded then flooded (or the reverse).
const plan = { warmUpMs: 2_000, phaseMs: 5_000, rounds: 5 };
const flooderScript = fileURLToPath(new URL('./support/flooder.ts', import.meta.url));

/**
 * The legitimate client's p99 latency while 127.0.0.2 floods `POST /auth/sign-in`, against
 * its p99 with nobody flooding, with Gatehouse's default limits. The ratio is
 * unloaded p99 ÷ flooded p99: 1 means the flood costs the legitimate client nothing, and
 * the goal, 0.5, is "within 2×" (DESIGN.md: Availability). The flooder must draw 429s.
 */
export async function signInFlood(): Promise<BenchResult> {
  const server = await startBenchServer({ realLimits: true });
  let stopFlooder = () => {};
  const legitimate = new Agent({ connect: { ca: server.certificate }, localAddress: '127.0.0.3', connections: 1 });
  try {
    // Signed in once from its own address: that address is then held to its own count only.
    const signIn = await request(`${server.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.student.email, password: server.password }),
      dispatcher: legitimate,
    });
    await signIn.body.text();
    const cookie = /^__Host-gatehouse=[^;]+/.exec(String(signIn.headers['set-cookie']))?.[0];
    if (signIn.statusCode !== 200 || !cookie) throw new Error(`the legitimate client could not sign in (${signIn.statusCode})`);

    const sample = async (durationMs: number): Promise<number[]> => {
      const latencies: number[] = [];
      const end = performance.now() + durationMs;
      while (performance.now() < end) {
        const started = performance.now();
        const answer = await request(`${server.url}/auth/session`, { headers: { cookie }, dispatcher: legitimate });
        await answer.body.text();
        if (answer.statusCode !== 200) throw new Error(`the legitimate client was answered ${answer.statusCode}`);
        const took = performance.now() - started;
        latencies.push(took);
        if (took < intervalMs) await new Promise((resolve) => setTimeout(resolve, intervalMs - took));
      }
      return latencies;
    };

    const attackerStatuses = new Map<number, number>();
    // Started, and its TypeScript compiled, before anything is measured.
    const flooder = fork(flooderScript, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    stopFlooder = () => flooder.connected && flooder.disconnect();
    await new Promise<void>((resolve, reject) => {
      flooder.once('message', () => resolve());
      flooder.once('exit', (code) => reject(new Error(`the flooder exited with ${code}`)));
    });
    const flood = (durationMs: number) =>
      new Promise<void>((resolve) => {
        flooder.once('message', (counts: Record<string, number>) => {
          for (const [status, times] of Object.entries(counts)) attackerStatuses.set(Number(status), (attackerStatuses.get(Number(status)) ?? 0) + times);
          resolve();
        });
        flooder.send({
          url: server.url,
          ca: server.certificate,
          path: '/auth/sign-in',
          body: JSON.stringify({ email: server.student.email, password: 'not the password at all' }),
          connections: flooders,
          localAddress: '127.0.0.2',
          durationMs,
        });
      });
    const flooded = async (durationMs: number) => {
      const flooding = flood(durationMs + 500);
      // The flood is under way before the first sample.
      await new Promise((resolve) => setTimeout(resolve, 250));
      const latencies = await sample(durationMs);
      await flooding;
      return latencies;
    };

    await sample(plan.warmUpMs);
    const samples = { unloaded: [] as number[], flooded: [] as number[], ratio: [] as number[] };
    for (let round = 0; round < plan.rounds; round += 1) {
      const order = round % 2 === 0 ? [sample, flooded] : [flooded, sample];
      const first = p99(await order[0]!(plan.phaseMs));
      const second = p99(await order[1]!(plan.phaseMs));
      const [quiet, loud] = round % 2 === 0 ? [first, second] : [second, first];
      samples.unloaded.push(quiet);
      samples.flooded.push(loud);
      samples.ratio.push(quiet / loud);
      process.stderr.write(`signInFlood round ${round + 1}/${plan.rounds}: p99 ${loud.toFixed(1)} ms flooded vs ${quiet.toFixed(1)} ms unloaded (${(quiet / loud).toFixed(3)})\n`);
    }
    const refused = attackerStatuses.get(429) ?? 0;
    if (refused === 0) throw new Error(`the flooder drew no 429: ${JSON.stringify(Object.fromEntries(attackerStatuses))}`);
    return {
      name: 'signInFlood',
      value: median(samples.flooded),
      baseline: median(samples.unloaded),
      ratio: median(samples.ratio),
      unit: 'p99 ms: unloaded ÷ flooded',
      params: {
        flooders,
        legitimateIntervalMs: intervalMs,
        phaseMs: plan.phaseMs,
        rounds: plan.rounds,
        attacker: '127.0.0.2',
        legitimate: '127.0.0.3',
        attackerStatuses: Object.fromEntries(attackerStatuses),
        goal: 0.5,
        samples,
      },
    };
  } finally {
    stopFlooder();
    await legitimate.close();
    await server.close();
  }
}

function p99(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
}
