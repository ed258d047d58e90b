import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { pino } from 'pino';
import { loadConfig } from '../src/config/loadConfig.js';
import { createApp } from '../src/http/createApp.js';
import { SESSION_COOKIE } from '../src/http/middleware/sessionCookie.js';
import { createConfirmedUser } from '../src/identity/admin/createConfirmedUser.js';
import { resolveSession } from '../src/identity/sessions/resolveSession.js';
import { createRuntime } from '../src/runtime/createRuntime.js';
import { findGrade } from '../src/store/repositories/grades.js';
import { plainTransact } from '../src/store/Transact.js';
import type { BenchResult } from './support/BenchResult.js';
import { median } from './support/median.js';
import { raisedLimits } from './support/raisedLimits.js';

const callsPerRound = 1_000;
const plan = { warmUpCalls: 1_000, rounds: 5 };

/**
 * `GET /api/grades/:id` through `app.fetch` in process, no TLS and no sockets, against a bare
 * Hono app answering the same JSON the same way; with the p50 of each stage Gatehouse adds,
 * so that the README can say where the time of an authenticated request goes.
 */
export async function requestInProcess(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-inproc-'));
  const config = loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent', ...raisedLimits }, { dataDir, port: 0 });
  const runtime = await createRuntime(config, { logger: pino({ level: 'silent' }) });
  try {
    const app = createApp(runtime, () => '127.0.0.1');
    const origin = 'https://localhost';
    const password = `bench ${Math.random().toString(36).slice(2)} in process`;
    const transact = plainTransact(runtime.db);
    const teacher = await createConfirmedUser(runtime, { email: 'teacher@bench.example', password, groups: ['teachers'] }, transact);
    const student = await createConfirmedUser(runtime, { email: 'student@bench.example', password, groups: ['students'] }, transact);
    const signIn = async (email: string) => {
      const response = await app.fetch(new Request(`${origin}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }));
      if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
      const token = /__Host-gatehouse=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
      if (!token) throw new Error(`sign-in of ${email} set no cookie`);
      return { token, cookie: `${SESSION_COOKIE}=${token}`, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
    };
    const asTeacher = await signIn(teacher.email);
    const created = await app.fetch(
      new Request(`${origin}/api/grades`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: asTeacher.cookie, 'x-csrf-token': asTeacher.csrfToken },
        body: JSON.stringify({ studentId: student.id, course: 'Mathematics', score: 17 }),
      }),
    );
    if (created.status !== 201) throw new Error(`teacher creates a grade: ${created.status} ${await created.text()}`);
    const gradeId = ((await created.json()) as { id: string }).id;
    const asStudent = await signIn(student.email);
    const url = `${origin}/api/grades/${gradeId}`;
    const read = async (fetch: (request: Request) => Response | Promise<Response>) => {
      const response = await fetch(new Request(url, { headers: { cookie: asStudent.cookie } }));
      if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
      return response.text();
    };
    const body = await read(app.fetch);
    const payload = JSON.parse(body) as object;
    const bare = new Hono();
    bare.get('/api/grades/:id', (c) => c.json(payload));

    const caller = (await resolveSession(runtime, asStudent.token))!;
    const principal = { uid: { type: 'User', id: caller.user.id }, attrs: { email: caller.user.email }, parents: [{ type: 'Group', id: 'students' }] };
    const grade = { uid: { type: 'Grade', id: gradeId }, attrs: { student: { __entity: { type: 'User', id: student.id } }, course: 'Mathematics' }, parents: [] };
    const decide = { principal: principal.uid, action: 'ReadGrade', resource: grade.uid, context: { mfa: false }, entities: [principal, { uid: { type: 'Group', id: 'students' }, attrs: {}, parents: [] }, grade] };

    const stages: Record<string, () => Promise<unknown> | unknown> = {
      gatehouse: () => read(app.fetch),
      bare: () => read(bare.fetch),
      resolveSession: () => resolveSession(runtime, asStudent.token),
      findGrade: () => findGrade(runtime.db, gradeId),
      authorize: () => runtime.authorizer.authorize(decide),
    };
    for (const stage of Object.values(stages)) await p50(stage, plan.warmUpCalls);
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(stages).map((name) => [name, []]));
    const ratios: number[] = [];
    for (let round = 0; round < plan.rounds; round += 1) {
      for (const [name, stage] of Object.entries(stages)) samples[name]!.push(await p50(stage, callsPerRound));
      ratios.push(samples.bare!.at(-1)! / samples.gatehouse!.at(-1)!);
      process.stderr.write(`requestInProcess round ${round + 1}/${plan.rounds}: ${Object.keys(stages).map((name) => `${name} ${samples[name]!.at(-1)!.toFixed(1)}`).join(', ')} µs\n`);
    }
    const p50s = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Number(median(values).toFixed(1))]));
    return {
      name: 'requestInProcess',
      value: p50s.gatehouse!,
      baseline: p50s.bare!,
      // Bare time ÷ Gatehouse time: the same direction as authorizedRequest's req/s ratio.
      ratio: median(ratios),
      unit: 'µs p50 per GET, in process (lower is better)',
      params: {
        callsPerRound,
        rounds: plan.rounds,
        request: 'GET /api/grades/:id via app.fetch: no TLS, no socket, no load generator',
        baseline: 'bare Hono app answering the same JSON with c.json',
        ratio: 'bare µs ÷ Gatehouse µs',
        stagesP50Us: p50s,
        rest: 'gatehouse − (resolveSession + findGrade + authorize) − bare: the audit event (read of the chain head, hash, insert, commit), the middleware chain, the Request and cookie parsing',
        samples,
      },
    };
  } finally {
    await runtime.db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The median time of `count` sequential calls, in microseconds. */
async function p50(call: () => unknown, count: number): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = process.hrtime.bigint();
    await call();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return median(times);
}
