import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchCommand, BenchReply, BenchUser } from './messages.js';
import { nextMessage } from './nextMessage.js';

/** The process under load, as a benchmark drives it. */
export interface BenchServer {
  /** Gatehouse's origin, on 127.0.0.1. */
  url: string;
  /** The certificate served; the only one the load trusts. */
  certificate: string;
  password: string;
  teacher: BenchUser;
  student: BenchUser;
  /** The Argon2id parameters of the users' hashes and of the verify baseline. */
  argon2: { algorithm: string; version: number; memoryCost: number; timeCost: number; parallelism: number };
  threadpoolSize: number;
  /** Raw `verifyPassword` calls per second with `inFlight` in flight for `durationMs`, inside that process. */
  verify(inFlight: number, durationMs: number): Promise<number>;
  /** Starts the bare Hono baseline in that process, answering `body` on `path`; returns its origin. */
  serveBare(path: string, body: string): Promise<string>;
  /** Starts Gatehouse without its audit recorder in that process (same runtime, same database); returns its origin. */
  serveUnrecorded(): Promise<string>;
  close(): Promise<void>;
}

const script = fileURLToPath(new URL('./benchServer.ts', import.meta.url));

/**
 * Starts Gatehouse, with its baselines on call, in a child process; with `realLimits`, at the
 * default request limits; `env` adds GATEHOUSE_DATABASE_* variables (a PostgreSQL store).
 */
export async function startBenchServer(options: { realLimits?: boolean; env?: Record<string, string> } = {}): Promise<BenchServer> {
  // A process of its own, so that the load and the server under load do not share an event
  // loop: what is measured is the server, not the two taking turns on one thread.
  // GATEHOUSE_BENCH_CPU_PROF=<dir> profiles the process under load (bench/README.md, "Profile").
  const profile = process.env.GATEHOUSE_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GATEHOUSE_BENCH_CPU_PROF}`] : [];
  const child = fork(script, options.realLimits ? ['--real-limits'] : [], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...options.env } });
  const ready = await nextReply(child, 120_000);
  if (ready.type !== 'ready') throw new Error(`the bench server did not start: ${describe(ready)}`);

  const ask = async (command: BenchCommand, timeoutMs: number): Promise<BenchReply> => {
    const reply = nextReply(child, timeoutMs);
    child.send(command);
    return reply;
  };

  return {
    url: ready.url,
    certificate: ready.certificate,
    password: ready.password,
    teacher: ready.teacher,
    student: ready.student,
    argon2: parsePhc(ready.argon2),
    threadpoolSize: ready.threadpoolSize,
    async verify(inFlight, durationMs) {
      const reply = await ask({ type: 'verify', inFlight, durationMs }, durationMs + 60_000);
      if (reply.type !== 'verified') throw new Error(`verify baseline: ${describe(reply)}`);
      return reply.perSecond;
    },
    async serveBare(path, body) {
      const reply = await ask({ type: 'serveBare', path, body }, 30_000);
      if (reply.type !== 'bareReady') throw new Error(`bare baseline: ${describe(reply)}`);
      return reply.url;
    },
    async serveUnrecorded() {
      const reply = await ask({ type: 'serveUnrecorded' }, 30_000);
      if (reply.type !== 'unrecordedReady') throw new Error(`unrecorded baseline: ${describe(reply)}`);
      return reply.url;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies BenchCommand);
      // Only this child, by its handle, and only if it ignores the request to stop.
      const timer = setTimeout(() => child.kill(), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function nextReply(child: ChildProcess, timeoutMs: number): Promise<BenchReply> {
  return nextMessage<BenchReply>(child, timeoutMs);
}

function describe(reply: BenchReply): string {
  return reply.type === 'failed' ? reply.message : `unexpected ${reply.type}`;
}

function parsePhc(prefix: string): BenchServer['argon2'] {
  const match = /^\$(argon2\w+)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)$/.exec(prefix);
  if (!match) throw new Error(`unrecognised Argon2 parameters: ${prefix}`);
  const [, algorithm, version, m, t, p] = match;
  return { algorithm: algorithm!, version: Number(version), memoryCost: Number(m), timeCost: Number(t), parallelism: Number(p) };
}
