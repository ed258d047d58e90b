import type { BenchResult } from './support/BenchResult.js';
import { callOnce, expectStatus } from './support/callOnce.js';
import { compareRounds } from './support/compareRounds.js';
import { driveLoad, type LoadRequest } from './support/driveLoad.js';
import { startBenchServer } from './support/startBenchServer.js';
import { studentGrade } from './support/studentGrade.js';

// autocannon's default; enough to keep one server thread busy on loopback.
const connections = 10;
// Thousands of requests a round at the slowest; short paired rounds, as in signInRate.ts.
const plan = { warmUpMs: 2_000, durationMs: 3_000, rounds: 5 };

/**
 * A student reading their own grade, `GET /api/grades/:id` (session cookie, Cedar decision,
 * audit event), against a bare Hono route over the same HTTPS answering the same JSON.
 */
export async function authorizedRequest(): Promise<BenchResult> {
  const server = await startBenchServer();
  try {
    const { target, path, student } = await studentGrade(server);
    const read = expectStatus(await callOnce(target, 'GET', path, { cookie: student.cookie }), 200, 'student reads their grade');

    const bareOrigin = await server.serveBare('/api/grades/:id', read.text);
    const bare = { origin: bareOrigin, ca: server.certificate };
    const bareRead = expectStatus(await callOnce(bare, 'GET', path, { cookie: student.cookie }), 200, 'bare read');
    if (bareRead.text !== read.text) throw new Error(`the bare handler answers ${bareRead.text}, Gatehouse ${read.text}`);

    // Both sides get the same request bytes, cookie included.
    const get: LoadRequest = { method: 'GET', path, headers: { cookie: student.cookie }, expectStatus: 200 };
    const outcome = await compareRounds(
      'authorizedRequest',
      {
        value: (durationMs) => driveLoad(target, get, { connections, durationMs }),
        baseline: (durationMs) => driveLoad(bare, get, { connections, durationMs }),
      },
      plan,
    );
    return {
      name: 'authorizedRequest',
      value: outcome.value,
      baseline: outcome.baseline,
      ratio: outcome.ratio,
      unit: 'req/s',
      params: {
        connections,
        warmUpMs: plan.warmUpMs,
        durationMs: plan.durationMs,
        rounds: plan.rounds,
        argon2: server.argon2,
        request: 'GET /api/grades/:id, student reading their own grade',
        baseline: 'bare Hono route on @hono/node-server, same certificate, same process',
        goal: 0.5,
        samples: outcome.samples,
      },
    };
  } finally {
    await server.close();
  }
}
