import type { BenchResult } from './support/BenchResult.js';
import { callOnce, expectStatus } from './support/callOnce.js';
import { compareRequestRates } from './support/compareRequestRates.js';
import type { LoadRequest } from './support/driveLoad.js';
import { startBenchServer } from './support/startBenchServer.js';
import { studentGrade } from './support/studentGrade.js';

/**
 * What the audit recorder costs: a student reading their own grade, `GET /api/grades/:id`
 * (cookie, Cedar, one chained event appended in its own transaction), against the same
 * Gatehouse app on the same runtime and database with the recorder left out. A read is the
 * recorder's worst case: a write appends inside the transaction it opens anyway.
 */
export async function auditRecorder(): Promise<BenchResult> {
  const server = await startBenchServer();
  try {
    const { target, path, student } = await studentGrade(server);
    const recorded = expectStatus(await callOnce(target, 'GET', path, { cookie: student.cookie }), 200, 'read with the recorder');

    const plain = { origin: await server.serveUnrecorded(), ca: server.certificate };
    const unrecorded = expectStatus(await callOnce(plain, 'GET', path, { cookie: student.cookie }), 200, 'read without the recorder');
    if (unrecorded.text !== recorded.text) throw new Error(`the two apps answer differently: ${unrecorded.text} / ${recorded.text}`);

    const get: LoadRequest = { method: 'GET', path, headers: { cookie: student.cookie }, expectStatus: 200 };
    return await compareRequestRates('auditRecorder', { target, baseline: plain }, get, {
      request: 'GET /api/grades/:id, student reading their own grade',
      baseline: 'the same app, runtime and SQLite file without the audit recorder, same process, same certificate',
      goal: 0.9,
    });
  } finally {
    await server.close();
  }
}
