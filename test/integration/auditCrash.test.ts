import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createConfirmedUser } from '../../src/identity/admin/createConfirmedUser.js';
import { createRuntime } from '../../src/runtime/createRuntime.js';
import { plainTransact } from '../../src/store/Transact.js';
import { gatehouse } from '../support/gatehouse.js';
import { Client, tempDataDir } from '../support/testServer.js';

const password = 'correct horse battery staple';
const dataDir = tempDataDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `gatehouse serve` as its own process on a random port; resolves once it says where it serves. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.resolve('dist/cli/main.js'), 'serve', '--data', dataDir], {
    env: { ...process.env, GATEHOUSE_PORT: '0', GATEHOUSE_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /serving (https:\/\/localhost:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before serving`)));
  });
}

describe('audit trail across a crash', () => {
  it('keeps every acknowledged grade and its event after kill -9, and the trail verifies', async () => {
    const runtime = await createRuntime(loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent' }, { dataDir }), { logger: pino({ level: 'silent' }) });
    const student = await createConfirmedUser(runtime, { email: 'student@crash.test', password, groups: ['students'] }, plainTransact(runtime.db));
    await createConfirmedUser(runtime, { email: 'teacher@crash.test', password, groups: ['teachers'] }, plainTransact(runtime.db));
    await runtime.db.destroy();

    const { child, url } = await serve();
    const dispatcher = new Agent({ connect: { ca: fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8') } });
    const acknowledged: string[] = [];
    let killed = false;
    // One sign-in (the shield limits sign-ins per account), its session shared by eight clients.
    const signedIn = new Client(url, dispatcher);
    expect((await signedIn.signIn('teacher@crash.test', password)).status).toBe(200);
    const clients = Array.from({ length: 8 }, () => Object.assign(new Client(url, dispatcher), { cookie: signedIn.cookie, csrfToken: signedIn.csrfToken }));
    const writers = clients.map(async (client, n) => {
      for (let i = 0; !killed; i++) {
        try {
          const answer = await client.post('/api/grades', { studentId: student.id, course: `Crash ${n}-${i}`, score: i });
          if (answer.status === 201) acknowledged.push(answer.body.id);
        } catch {
          // The server died under this request: it was never acknowledged.
          return;
        }
      }
    });
    // Kill in the middle of the load, once a fair number of writes went through.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (acknowledged.length >= 120) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    await dispatcher.close();
    expect(acknowledged.length).toBeGreaterThanOrEqual(120);

    // After the restart every acknowledged grade is there, with its event.
    const restarted = await serve();
    const after = await createRuntime(loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent' }, { dataDir }), { logger: pino({ level: 'silent' }) });
    try {
      const grades = new Set((await after.db.selectFrom('grades').select('id').execute()).map((row) => row.id));
      const events = await after.db.selectFrom('audit_events').select('body').where('event_name', '=', 'CreateGrade').execute();
      const recorded = new Set(events.map((row) => JSON.parse(row.body).responseElements?.id).filter(Boolean));
      for (const id of acknowledged) {
        expect(grades.has(id), `grade ${id}`).toBe(true);
        expect(recorded.has(id), `event of grade ${id}`).toBe(true);
      }
    } finally {
      await after.db.destroy();
      restarted.child.kill('SIGTERM');
      await new Promise((resolve) => restarted.child.once('exit', resolve));
    }
    const verified = await gatehouse(['audit', 'verify', '--data', dataDir]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  }, 120_000);
});
