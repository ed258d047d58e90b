import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nextMessage } from './nextMessage.js';

/** A peer's server, as a benchmark drives it. */
export interface PeerServer {
  url: string;
  certificate: string;
  /** The peer's password hash and its parameters, as its own code sets them. */
  passwordHash: string;
  close(): Promise<void>;
}

type PeerReady = { type: 'ready'; url: string; certificate: string; passwordHash: string };

/**
 * Starts `bench/peers/<name>/server.ts` in a child process, installing the peer first (its own
 * package-lock.json, `npm ci`) when this clone has not yet: the peer's dependencies stay out of
 * Gatehouse's tree, and a plain `npm ci` at the root does not fetch them.
 */
export async function startPeerServer(name: string): Promise<PeerServer> {
  const folder = fileURLToPath(new URL(`../peers/${name}/`, import.meta.url));
  if (!fs.existsSync(`${folder}node_modules/.package-lock.json`)) {
    process.stderr.write(`installing the ${name} peer (npm ci in ${folder}) …\n`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: folder, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const child = fork(`${folder}server.ts`, [], { cwd: folder, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage<PeerReady>(child, 120_000, `the ${name} peer`);
  return {
    url: ready.url,
    certificate: ready.certificate,
    passwordHash: ready.passwordHash,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      // Only this child, by its handle, and only if it ignores the request to stop.
      const timer = setTimeout(() => child.kill(), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
