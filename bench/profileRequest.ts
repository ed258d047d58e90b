// `npm run bench:profile`: loads only Gatehouse's `GET /api/grades/:id` (no baseline in the
// same process to dilute the profile) with GATEHOUSE_BENCH_CPU_PROF set, then prints the top
// costs of the process under load with topCosts.ts. bench/README.md "Profile" reads from it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { driveLoad } from './support/driveLoad.js';
import { startBenchServer } from './support/startBenchServer.js';
import { studentGrade } from './support/studentGrade.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-profile-'));
process.env.GATEHOUSE_BENCH_CPU_PROF = dir;
const server = await startBenchServer();
try {
  const { target, path: gradePath, student } = await studentGrade(server);
  const perSecond = await driveLoad(target, { method: 'GET', path: gradePath, headers: { cookie: student.cookie }, expectStatus: 200 }, { connections: 10, durationMs: 10_000 });
  console.log(`GET ${gradePath}: ${perSecond.toFixed(0)} req/s while profiled`);
} finally {
  await server.close();
}
// The process under load writes one profile for its main thread; the largest file is it.
const profiles = fs.readdirSync(dir).map((name) => path.join(dir, name)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
if (!profiles[0]) throw new Error(`no profile written to ${dir}`);
console.log(`profile: ${profiles[0]}`);
execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./topCosts.ts', import.meta.url)), profiles[0], '30'], { stdio: 'inherit' });
