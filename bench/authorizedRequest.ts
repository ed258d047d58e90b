import type { BenchResult } from './support/BenchResult.js';
import { callOnce, expectStatus } from './support/callOnce.js';
import { compareRequestRates } from './support/compareRequestRates.js';
import type { LoadRequest } from './support/driveLoad.js';
import { startBenchServer } from './support/startBenchServer.js';
import { studentGrade } from './support/studentGrade.js';

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
    return await compareRequestRates('authorizedRequest', { target, baseline: bare }, get, {
      argon2: server.argon2,
      request: 'GET /api/grades/:id, student reading their own grade',
      baseline: 'bare Hono route on @hono/node-server, same certificate, same process',
      goal: 0.5,
    });
  } finally {
    await server.close();
  }
}
