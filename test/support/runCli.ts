import { spawn } from 'node:child_process';
import path from 'node:path';

/** Runs the built `gatehouse` binary on `dataDir`, as `npx gatehouse … --data <dir>` would. */
export function runCli(dataDir: string, args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('bin/gatehouse.js'), ...args, '--data', dataDir], { env: { ...process.env, GATEHOUSE_LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
