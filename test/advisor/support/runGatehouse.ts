import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestServer } from '../../support/testServer.js';

/**
 * Runs the built `gatehouse` binary on the test server's data folder and database (SQLite
 * there, or its PostgreSQL schema under TEST_STORE=postgres) with `env` added, as an
 * operator's shell or a pipeline would.
 */
export function runGatehouse(gh: TestServer, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('bin/gatehouse.js'), ...args, '--data', gh.dataDir], {
      env: { ...process.env, GATEHOUSE_LOG_LEVEL: 'silent', GATEHOUSE_DATABASE_URL: gh.runtime.config.databaseUrl, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}
