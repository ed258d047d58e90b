import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vulnerableDependencies } from '../../src/advisor/checks/vulnerableDependencies.js';
import { runNpmAudit } from '../../src/advisor/runNpmAudit.js';
import { advisorFixture, runCheck, type AdvisorFixture } from './support/advisorFixture.js';
import { advisoryRegistryFixture, silentHttpFixture, type Fixture } from './support/fixtureServers.js';

// GHSA-xvch-5gv4-984h (CVE-2021-44906) as the registry's bulk advisory endpoint returns it.
const minimistAdvisory = {
  id: 1097678,
  url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
  title: 'Prototype Pollution in minimist',
  severity: 'critical',
  vulnerable_versions: '>=1.0.0 <1.2.6',
  cwe: ['CWE-1321'],
  cvss: { score: 9.8, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
};

let fx: AdvisorFixture;
let registry: Fixture;

beforeAll(async () => {
  fx = await advisorFixture();
  registry = await advisoryRegistryFixture({ minimist: [minimistAdvisory] });
});
afterAll(async () => {
  await registry.close();
  await fx.close();
});

/** A project folder whose lockfile pins `dependencies` (name → version), as an installed tree would. */
function projectPinning(dependencies: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(fx.dataDir, 'project-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fixture', version: '1.0.0', private: true, dependencies }));
  const packages = Object.fromEntries(
    Object.entries(dependencies).map(([name, version]) => [`node_modules/${name}`, { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz` }]),
  );
  fs.writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'fixture', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'fixture', version: '1.0.0', dependencies }, ...packages } }),
  );
  return dir;
}

describe('dependencies (npm audit, run for real)', () => {
  it('fails for a tree pinning minimist 1.2.0 when the registry knows its advisory', async () => {
    const cwd = projectPinning({ minimist: '1.2.0' });
    const result = await runCheck(vulnerableDependencies, fx.context({ facts: { npmAudit: () => runNpmAudit({ cwd, registry: `${registry.url}/` }) } }));
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.finding).toContain('minimist (critical)');
  }, 60_000);

  it('passes for a tree without a known vulnerability', async () => {
    const cwd = projectPinning({ minimist: '1.2.8' });
    const result = await runCheck(vulnerableDependencies, fx.context({ facts: { npmAudit: () => runNpmAudit({ cwd, registry: `${registry.url}/` }) } }));
    expect(result.status).toBe('pass');
  }, 60_000);

  it('says unknown, never ok, when the registry cannot be reached', async () => {
    const cwd = projectPinning({ minimist: '1.2.0' });
    const result = await runCheck(vulnerableDependencies, fx.context({ facts: { npmAudit: () => runNpmAudit({ cwd, registry: 'http://127.0.0.1:9/' }) } }));
    expect(result.status).toBe('unknown');
    expect(result.finding).toContain('127.0.0.1:9');
  }, 60_000);

  it('says unknown when the registry holds the request past the deadline, and npm is stopped', async () => {
    const silent = await silentHttpFixture();
    try {
      const cwd = projectPinning({ minimist: '1.2.0' });
      const held = await runCheck(vulnerableDependencies, fx.context({ facts: { npmAudit: () => runNpmAudit({ cwd, registry: `${silent.url}/`, timeoutMs: 1_000 }) } }));
      expect(held).toMatchObject({ status: 'unknown', finding: 'Could not check: npm audit gave no answer within 1 s and was stopped.' });
    } finally {
      await silent.close();
    }
    // The advisor's own context bounds npm audit the same way.
    const bounded = await runCheck(vulnerableDependencies, fx.context({ options: { stepTimeoutMs: 1 } }));
    expect(bounded).toMatchObject({ status: 'unknown', finding: 'Could not check: npm audit gave no answer within 0.001 s and was stopped.' });
  }, 60_000);
});
