import { freshPostgresSchema } from '../test/support/postgres.js';
import type { BenchResult } from './support/BenchResult.js';
import { callOnce, expectStatus } from './support/callOnce.js';
import { compareRounds } from './support/compareRounds.js';
import { driveLoad, type LoadRequest, type Target } from './support/driveLoad.js';
import { startBenchServer, type BenchServer } from './support/startBenchServer.js';

// As authorizedRequest.ts: enough connections to keep one server thread busy on loopback.
const connections = 10;
const plan = { warmUpMs: 2_000, durationMs: 3_000, rounds: 5 };

/** Signs a student in on `server`, has a teacher write them a grade, and returns the student's read of it. */
async function studentRead(server: BenchServer): Promise<{ target: Target; request: LoadRequest }> {
  const target = { origin: server.url, ca: server.certificate };
  const json = { 'content-type': 'application/json' };
  const signIn = async (email: string) => {
    const answer = expectStatus(await callOnce(target, 'POST', '/auth/sign-in', json, JSON.stringify({ email, password: server.password })), 200, `sign-in of ${email}`);
    return { cookie: `__Host-gatehouse=${answer.sessionCookie}`, csrfToken: JSON.parse(answer.text).csrfToken as string };
  };
  const teacher = await signIn(server.teacher.email);
  const body = JSON.stringify({ studentId: server.student.id, course: 'Mathematics', score: 17 });
  const created = expectStatus(await callOnce(target, 'POST', '/api/grades', { ...json, cookie: teacher.cookie, 'x-csrf-token': teacher.csrfToken }, body), 201, 'teacher creates a grade');
  const student = await signIn(server.student.email);
  return { target, request: { method: 'GET', path: `/api/grades/${JSON.parse(created.text).id}`, headers: { cookie: student.cookie }, expectStatus: 200 } };
}

/**
 * Authenticated, authorized, audited requests per second (a student reading their grade) on
 * PostgreSQL against the same on SQLite: what the shared store costs. Each server runs in its
 * own process; only one is under load at a time.
 */
export async function postgresRequests(): Promise<BenchResult> {
  const schema = await freshPostgresSchema();
  const servers: BenchServer[] = [];
  try {
    const postgres = await startBenchServer({ env: { GATEHOUSE_DATABASE_URL: schema.url, GATEHOUSE_DATABASE_POOL_MAX: '10' } });
    servers.push(postgres);
    const sqlite = await startBenchServer();
    servers.push(sqlite);
    const onPostgres = await studentRead(postgres);
    const onSqlite = await studentRead(sqlite);
    const outcome = await compareRounds(
      'postgresRequests',
      {
        value: (durationMs) => driveLoad(onPostgres.target, onPostgres.request, { connections, durationMs }),
        baseline: (durationMs) => driveLoad(onSqlite.target, onSqlite.request, { connections, durationMs }),
      },
      plan,
    );
    const { value, baseline, ratio, samples } = outcome;
    return {
      name: 'postgresRequests',
      value,
      baseline,
      ratio,
      unit: 'req/s',
      params: {
        connections,
        ...plan,
        request: 'GET /api/grades/:id, student reading their own grade (session, Cedar, audit append)',
        baseline: 'the same request on SQLite (WAL), same machine, same run',
        postgresPool: 10,
        samples,
      },
    };
  } finally {
    for (const server of servers) await server.close();
    await schema.drop();
  }
}
