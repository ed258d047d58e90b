import type { BenchResult } from './support/BenchResult.js';
import { callOnce, expectStatus } from './support/callOnce.js';
import { compareRounds } from './support/compareRounds.js';
import { driveLoad, type LoadRequest } from './support/driveLoad.js';
import { startBenchServer } from './support/startBenchServer.js';

// As many in flight as libuv has threads by default: more only queue in the pool, and
// fewer would leave the baseline's pool idle where sign-ins keep it busy.
// GATEHOUSE_BENCH_SIGNIN_CONNECTIONS measures other concurrencies (bench/README.md, "Sign-in rate").
const connections = Number(process.env.GATEHOUSE_BENCH_SIGNIN_CONNECTIONS) || 4;
// Argon2id at 19 MiB runs about 80 verifications a second per core, so a round needs a few
// seconds to count a few hundred; short rounds, paired, keep other tenants' bursts inside
// one pair rather than across the comparison. About 50 s in all.
const plan = { warmUpMs: 2_000, durationMs: 4_000, rounds: 5 };

/**
 * Sign-ins per second through `POST /auth/sign-in` against raw Argon2id verifications per
 * second at the same parameters and concurrency: how much of a sign-in is the hash.
 */
export async function signInRate(): Promise<BenchResult> {
  const server = await startBenchServer();
  try {
    const target = { origin: server.url, ca: server.certificate };
    const body = JSON.stringify({ email: server.student.email, password: server.password });
    const signIn: LoadRequest = { method: 'POST', path: '/auth/sign-in', headers: { 'content-type': 'application/json' }, body, expectStatus: 200 };
    // A 200 without the cookie would be a sign-in that did not happen (MFA_REQUIRED, say).
    const first = expectStatus(await callOnce(target, signIn.method, signIn.path, signIn.headers, body), 200, 'sign-in');
    if (!first.sessionCookie || JSON.parse(first.text).status !== 'SIGNED_IN') throw new Error(`sign-in set no session: ${first.text}`);

    const outcome = await compareRounds(
      'signInRate',
      {
        value: (durationMs) => driveLoad(target, signIn, { connections, durationMs }),
        baseline: (durationMs) => server.verify(connections, durationMs),
      },
      plan,
    );
    return {
      name: 'signInRate',
      value: outcome.value,
      baseline: outcome.baseline,
      ratio: outcome.ratio,
      unit: 'sign-ins/s vs verifies/s',
      params: {
        connections,
        warmUpMs: plan.warmUpMs,
        durationMs: plan.durationMs,
        rounds: plan.rounds,
        argon2: server.argon2,
        threadpoolSize: server.threadpoolSize,
        baseline: `verifyPassword with ${connections} in flight, in the server's process`,
        goal: 0.9,
        samples: outcome.samples,
      },
    };
  } finally {
    await server.close();
  }
}
