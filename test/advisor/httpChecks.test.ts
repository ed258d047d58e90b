import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateExpiry } from '../../src/advisor/checks/certificateExpiry.js';
import { cookieFlags } from '../../src/advisor/checks/cookieFlags.js';
import { corsAnyOrigin } from '../../src/advisor/checks/corsAnyOrigin.js';
import { hstsOff } from '../../src/advisor/checks/hstsOff.js';
import { legacyTlsAccepted } from '../../src/advisor/checks/legacyTlsAccepted.js';
import { plainHttpContent } from '../../src/advisor/checks/plainHttpContent.js';
import { selfSignedCertificate } from '../../src/advisor/checks/selfSignedCertificate.js';
import type { AdvisorCheck } from '../../src/advisor/AdvisorCheck.js';
import type { AdvisorOptions } from '../../src/advisor/createAdvisorContext.js';
import { selfSignedCertificate as makeCertificate } from '../../src/tls/ensureCertificate.js';
import { advisorFixture, runCheck, type AdvisorFixture } from './support/advisorFixture.js';
import { caIssuedCertificate, httpsFixture, plainHttpFixture, type Fixture, type HttpsFixtureOptions } from './support/fixtureServers.js';

const hsts = { 'strict-transport-security': 'max-age=63072000; includeSubDomains' };
let fx: AdvisorFixture;
const servers: Fixture[] = [];

beforeAll(async () => {
  fx = await advisorFixture();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await fx.close();
});

/** Starts an HTTPS fixture (HSTS on unless `headers` says otherwise) and runs `check` against it. */
async function against(check: AdvisorCheck, serve: HttpsFixtureOptions, options: Omit<AdvisorOptions, 'url'> & { host?: string } = {}) {
  const server = await httpsFixture({ ...serve, headers: { ...hsts, ...serve.headers } });
  servers.push(server);
  const url = options.host ? `https://${options.host}:${server.port}` : server.url;
  return runCheck(check, fx.context({ options: { ...options, url } }));
}

describe('tls-self-signed', () => {
  it('fails for a self-signed certificate on a public host name, and passes on localhost', async () => {
    const publicHost = await against(selfSignedCertificate, {}, { host: 'gatehouse.example', resolveTo: '127.0.0.1' });
    expect(publicHost).toMatchObject({ status: 'fail', severity: 'high' });
    expect(publicHost.finding).toContain('https://gatehouse.example:');
    expect((await against(selfSignedCertificate, {})).status).toBe('pass');
  });

  it('passes for a certificate a CA issued, on a public host name', async () => {
    const issued = await against(selfSignedCertificate, { identity: await caIssuedCertificate('gatehouse.example') }, { host: 'gatehouse.example', resolveTo: '127.0.0.1' });
    expect(issued.status).toBe('pass');
    expect(issued.finding).toContain('issued by CN=Advisor Test CA');
  });
});

describe('tls-expiry', () => {
  it('fails for a certificate expiring in 10 days, and passes for one valid a year', async () => {
    const soon = await against(certificateExpiry, { days: 10 });
    expect(soon).toMatchObject({ status: 'fail', severity: 'high' });
    expect(soon.finding).toMatch(/expires in (9|10) day/);
    expect((await against(certificateExpiry, { days: 365 })).status).toBe('pass');
  });

  it('reads the configured certificate file when the URL cannot be reached', async () => {
    const unreachable = { url: 'https://localhost:1' };
    expect((await runCheck(certificateExpiry, fx.context({ options: unreachable }))).status).toBe('unknown');
    const { cert, key } = await makeCertificate(['localhost'], [], 10);
    const certFile = path.join(fx.dataDir, 'soon.pem');
    const keyFile = path.join(fx.dataDir, 'soon.key');
    fs.writeFileSync(certFile, cert);
    fs.writeFileSync(keyFile, key);
    const fromFile = await runCheck(certificateExpiry, fx.context({ env: { GATEHOUSE_TLS_CERT: certFile, GATEHOUSE_TLS_KEY: keyFile }, options: unreachable }));
    expect(fromFile.status).toBe('fail');
    expect(fromFile.finding).toContain(certFile);
  });
});

describe('tls-version', () => {
  it('fails when TLS 1.0 is accepted, and passes when 1.2 is the least', async () => {
    const legacy = await against(legacyTlsAccepted, { minVersion: 'TLSv1' });
    expect(legacy).toMatchObject({ status: 'fail', severity: 'high' });
    expect(legacy.finding).toMatch(/TLSv1(\.1)? handshake succeeded/);
    expect((await against(legacyTlsAccepted, { minVersion: 'TLSv1.2' })).status).toBe('pass');
  });
});

describe('tls-hsts', () => {
  it('fails without Strict-Transport-Security or with max-age=0, and passes with it', async () => {
    const none = await against(hstsOff, { headers: { 'strict-transport-security': [] } });
    expect(none).toMatchObject({ status: 'fail', severity: 'medium' });
    expect((await against(hstsOff, { headers: { 'strict-transport-security': 'max-age=0' } })).status).toBe('fail');
    expect((await against(hstsOff, {})).status).toBe('pass');
  });
});

describe('http-plain', () => {
  it('fails when plain HTTP serves content, and passes when it only redirects or nothing listens', async () => {
    const content = await plainHttpFixture(200);
    const redirect = await plainHttpFixture(308, { location: 'https://localhost/' });
    servers.push(content, redirect);
    const serves = await against(plainHttpContent, {}, { plainHttpUrl: `${content.url}/` });
    expect(serves).toMatchObject({ status: 'fail', severity: 'high' });
    expect(serves.finding).toContain('answers 200');
    expect((await against(plainHttpContent, {}, { plainHttpUrl: `${redirect.url}/` })).status).toBe('pass');
    expect((await against(plainHttpContent, {}, { plainHttpUrl: 'http://127.0.0.1:1/' })).status).toBe('pass');
  });
});

describe('cookie-flags', () => {
  it('fails for a cookie without Secure, HttpOnly or the __Host- prefix, and passes for one with all three', async () => {
    const loose = await against(cookieFlags, { headers: { 'set-cookie': 'sid=abc; Path=/' } });
    expect(loose).toMatchObject({ status: 'fail', severity: 'high' });
    expect(loose.finding).toContain('sid lacks Secure, HttpOnly, the __Host- prefix');
    expect((await against(cookieFlags, { headers: { 'set-cookie': '__Host-sid=abc; Path=/; HttpOnly' } })).finding).toContain('lacks Secure');
    expect((await against(cookieFlags, { headers: { 'set-cookie': '__Host-sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax' } })).status).toBe('pass');
    // No cookie to judge is not a pass.
    expect((await against(cookieFlags, { headers: {} })).status).toBe('unknown');
  });
});

describe('cors-any-origin', () => {
  const star = { 'access-control-allow-origin': '*' };
  const withCredentials = { 'access-control-allow-credentials': 'true' };
  const publicPaths = ['/.well-known/openid-configuration', '/.well-known/jwks.json'];

  it('fails for Access-Control-Allow-Origin: * and for an echoed origin, and passes without', async () => {
    const everywhere = await against(corsAnyOrigin, { headers: star });
    expect(everywhere).toMatchObject({ status: 'fail', severity: 'high' });
    expect(everywhere.finding).toContain('/auth/session');
    expect((await against(corsAnyOrigin, { echoOrigin: true })).finding).toContain('https://advisor-probe.invalid');
    expect((await against(corsAnyOrigin, { headers: { 'access-control-allow-origin': 'https://app.example' } })).status).toBe('pass');
  });

  it('passes a bare * on the public, credential-less discovery document and JWKS', async () => {
    const discovery = await against(corsAnyOrigin, { pathHeaders: Object.fromEntries(publicPaths.map((path) => [path, star])) });
    expect(discovery).toMatchObject({ status: 'pass' });
    expect(discovery.finding).toContain('/.well-known/jwks.json');
  });

  it('passes an echoed origin or null without credentials on the discovery document and JWKS, and its fix says so', async () => {
    for (const allowed of ['https://advisor-probe.invalid', 'null']) {
      const open = await against(corsAnyOrigin, { pathHeaders: Object.fromEntries(publicPaths.map((path) => [path, { 'access-control-allow-origin': allowed }])) });
      expect(open.status, allowed).toBe('pass');
    }
    expect(corsAnyOrigin.fix).not.toContain('bare');
    expect(corsAnyOrigin.fix).toContain('any origin (`*`, `null` or an echoed one) without credentials is fine on the public discovery document and JWKS');
  });

  it('fails * or an echoed origin with credentials, even on the discovery document, and any of them on a private path', async () => {
    const credentialed = await against(corsAnyOrigin, { pathHeaders: { '/.well-known/openid-configuration': { ...star, ...withCredentials } } });
    expect(credentialed).toMatchObject({ status: 'fail' });
    expect(credentialed.finding).toContain('with credentials');
    expect((await against(corsAnyOrigin, { echoOrigin: true, pathHeaders: { '/.well-known/jwks.json': withCredentials } })).status).toBe('fail');
    expect((await against(corsAnyOrigin, { pathHeaders: { '/auth/session': star } })).status).toBe('fail');
    expect((await against(corsAnyOrigin, { pathHeaders: { '/': { 'access-control-allow-origin': 'null' } } })).status).toBe('fail');
  });
});

describe('a server that never finishes its answers', () => {
  it('leaves every check that reads it unknown once the probe\'s deadline passes', async () => {
    const trickling = await httpsFixture({ trickle: true });
    servers.push(trickling);
    const context = fx.context({ options: { url: trickling.url, stepTimeoutMs: 500 } });
    for (const check of [selfSignedCertificate, legacyTlsAccepted, hstsOff, plainHttpContent, cookieFlags, corsAnyOrigin]) {
      expect(await runCheck(check, context), check.id).toMatchObject({ status: 'unknown' });
    }
    expect((await runCheck(corsAnyOrigin, context)).finding).toContain('no complete answer within 500 ms');
  });
});

describe('an unreachable URL', () => {
  it('leaves every check that reads it unknown, never passed', async () => {
    const context = fx.context({ options: { url: 'https://localhost:1' } });
    for (const check of [selfSignedCertificate, legacyTlsAccepted, hstsOff, cookieFlags, corsAnyOrigin]) {
      expect(await runCheck(check, context), check.id).toMatchObject({ status: 'unknown' });
    }
  });
});
