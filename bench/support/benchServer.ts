// The process under load, started by startBenchServer.ts with `node --import tsx`: a real
// Gatehouse over HTTPS on a fresh data folder, plus, on command, each benchmark's baseline.
// Baselines run here rather than in the bench process so that both sides of a ratio share
// one process, one event loop, one libuv pool and the same competition for the two cores.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createApp } from '../../src/http/createApp.js';
import { createConfirmedUser } from '../../src/identity/admin/createConfirmedUser.js';
import { hashPassword, verifyPassword } from '../../src/identity/passwords/hashPassword.js';
import { createRuntime } from '../../src/runtime/createRuntime.js';
import { listenHttps } from '../../src/server/listenHttps.js';
import { startServer } from '../../src/server/startServer.js';
import { plainTransact } from '../../src/store/Transact.js';
import { findUserByEmail } from '../../src/store/repositories/users.js';
import { ensureCertificate } from '../../src/tls/ensureCertificate.js';
import { closedLoop } from './closedLoop.js';
import { raisedLimits } from './raisedLimits.js';
import type { BenchCommand, BenchReply } from './messages.js';

const send = (reply: BenchReply) => process.send!(reply);

// Random, so it is on no blocklist; the same for both users so one secret travels to the bench.
const password = `bench ${randomBytes(12).toString('base64url')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-'));
// On every way out, a failed set-up included, so that no benchmark leaves a database behind.
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
// `--real-limits` (signInFlood) keeps Gatehouse's default limits; the others raise them.
const limits = process.argv.includes('--real-limits') ? {} : raisedLimits;
// Only the store may be chosen from outside (startBenchServer's `env`): the rest stays fixed.
const store = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('GATEHOUSE_DATABASE_')));
const config = loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent', ...limits, ...store }, { dataDir, port: 0 });
const runtime = await createRuntime(config, { logger: pino({ level: 'silent' }) });
const server = await startServer(runtime);
const transact = plainTransact(runtime.db);
const teacher = await createConfirmedUser(runtime, { email: 'teacher@bench.example', password, groups: ['teachers'] }, transact);
const student = await createConfirmedUser(runtime, { email: 'student@bench.example', password, groups: ['students'] }, transact);

// The baseline verifies a hash of the same password made by the same function as the users'.
const baselineHash = await hashPassword(password);
const argon2 = phcPrefix(baselineHash);
const storedHash = (await findUserByEmail(runtime.db, student.email))?.password_hash ?? '';
if (phcPrefix(storedHash) !== argon2) throw new Error(`stored hash ${phcPrefix(storedHash)} and baseline ${argon2} differ in parameters`);

let bare: https.Server | undefined;
let unrecorded: https.Server | undefined;
let stopping = false;

process.on('message', (command: BenchCommand) => {
  handle(command).then(
    (reply) => reply && send(reply),
    (error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
// A bench process that dies leaves no orphan server behind.
process.on('disconnect', () => void stop());

send({
  type: 'ready',
  url: `https://127.0.0.1:${server.port}`,
  certificate: server.certificate,
  password,
  teacher: { id: teacher.id, email: teacher.email },
  student: { id: student.id, email: student.email },
  argon2,
  threadpoolSize: Number(process.env.UV_THREADPOOL_SIZE) || 4,
});

async function handle(command: BenchCommand): Promise<BenchReply | undefined> {
  switch (command.type) {
    case 'verify': {
      // The same call signIn makes, with as many in flight as the load has connections.
      const count = await closedLoop(command.inFlight, command.durationMs, () => verifyPassword(baselineHash, password));
      if (count.failed > 0) throw new Error(`${count.failed} verifications of the right password failed`);
      return { type: 'verified', perSecond: count.perSecond };
    }
    case 'serveBare':
      return { type: 'bareReady', url: await serveBare(command.path, command.body) };
    case 'serveUnrecorded':
      return { type: 'unrecordedReady', url: await serveUnrecorded() };
    case 'stop':
      await stop();
      return undefined;
  }
}

/**
 * The floor under any HTTPS API on this stack: one Hono route on @hono/node-server, with
 * Gatehouse's certificate, key, TLS floor and timeouts, answering the same JSON.
 */
async function serveBare(routePath: string, body: string): Promise<string> {
  const payload: unknown = JSON.parse(body);
  const app = new Hono();
  // Serialised per request, as Gatehouse's c.json does, so both sides pay for JSON.stringify.
  app.get(routePath, (c) => c.json(payload as object));
  const tls = await ensureCertificate(dataDir);
  // The same listener Gatehouse serves on: same TLS floor, same timeouts.
  bare = await listenHttps({ fetch: app.fetch, cert: tls.cert, key: tls.key, port: 0, host: '127.0.0.1', portVariable: 'bare port' });
  return `https://127.0.0.1:${(bare.address() as AddressInfo).port}`;
}

/** Gatehouse itself on a second port, on the same runtime and database, with the audit recorder left out. */
async function serveUnrecorded(): Promise<string> {
  const app = createApp(runtime, (c) => getConnInfo(c).remote.address ?? null, { recordAudit: false });
  const tls = await ensureCertificate(dataDir);
  unrecorded = await listenHttps({ fetch: app.fetch, cert: tls.cert, key: tls.key, port: 0, host: '127.0.0.1', portVariable: 'unrecorded port' });
  return `https://127.0.0.1:${(unrecorded.address() as AddressInfo).port}`;
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const closing of [bare, unrecorded]) {
    if (!closing) continue;
    await new Promise<void>((resolve) => {
      closing.close(() => resolve());
      closing.closeAllConnections();
    });
  }
  await server.close();
  // Exit rather than wait for every handle to close by itself: the work is done and the
  // bench process is waiting on this exit.
  process.exit(0);
}

function phcPrefix(phc: string): string {
  return /^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+/.exec(phc)?.[0] ?? `unrecognised hash ${phc.slice(0, 16)}…`;
}
