import { spawn } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve('bin/gatehouse.js');

/** Runs the built `gatehouse` binary, as `npx gatehouse` would. */
export function gatehouse(args: string[], options: { stdin?: string; env?: Record<string, string>; untilOutput?: RegExp } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, GATEHOUSE_LOG_LEVEL: 'silent', ...options.env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (options.untilOutput?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
