import { pino } from 'pino';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trailInStore } from '../../src/audit/trailInStore.js';
import { verifyTrail } from '../../src/audit/verifyTrail.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createRuntime } from '../../src/runtime/createRuntime.js';
import { startServer, type RunningServer } from '../../src/server/startServer.js';
import { Client, startTestServer, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let first: TestServer;
let second: RunningServer;
let dispatcher: Agent;

beforeAll(async () => {
  first = await startTestServer({ GATEHOUSE_AUDIT_DIGEST_EVENTS: '9' });
  // A second instance on the same SQLite file, the way two processes share one deployment.
  const runtime = await createRuntime(loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent', GATEHOUSE_AUDIT_DIGEST_EVENTS: '9' }, { dataDir: first.dataDir, port: 0 }), { logger: pino({ level: 'silent' }) });
  second = await startServer(runtime);
  dispatcher = new Agent({ connect: { ca: second.certificate } });
});
afterAll(async () => {
  await second.close();
  await dispatcher.close();
  await first.close();
});

describe('two instances writing one store', () => {
  it('keep one gap-free chain with signed digests that verifies', async () => {
    const studentId = (await first.addUser('student@two.test', password, ['students'])).id;
    await first.addUser('teacher@two.test', password, ['teachers']);
    const a = first.client();
    const b = new Client(second.url, dispatcher);
    await a.signIn('teacher@two.test', password);
    await b.signIn('teacher@two.test', password);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const client = i % 2 ? a : b;
        return i % 4 < 2 ? client.post('/api/grades', { studentId, course: `Two ${i}`, score: i }) : client.get('/api/grades?studentId=' + studentId);
      }),
    );
    expect(answers.every((answer) => answer.status < 300)).toBe(true);
    await first.runtime.auditDigests.sealNow();
    const report = await verifyTrail(await trailInStore(first.runtime.db));
    expect(report.breaks).toEqual([]);
    expect(report.events.valid).toBe(report.events.checked);
    expect(report.digests.checked).toBeGreaterThan(1);
    expect(report.digests.valid).toBe(report.digests.checked);
  });
});
