import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { webcrypto } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import * as x509 from '@peculiar/x509';
import { selfSignedCertificate } from '../../../src/tls/ensureCertificate.js';

/** A small server started for one test, and how to stop it. */
export interface Fixture {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What a fixture HTTPS server gets wrong (or right). */
export interface HttpsFixtureOptions {
  /** Days the self-signed certificate is valid from now (default 365). */
  days?: number;
  /** Lowest TLS version offered (default TLSv1.2, Node's). */
  minVersion?: SecureVersion;
  /** Headers on every answer. */
  headers?: Record<string, string | string[]>;
  /** Headers on the answers to one path only (`/.well-known/jwks.json`, …), over `headers`. */
  pathHeaders?: Record<string, Record<string, string | string[]>>;
  /** Answer `Access-Control-Allow-Origin` with whatever `Origin` the request named. */
  echoOrigin?: boolean;
  /** Serve this certificate (chain) and key instead of a self-signed one. */
  identity?: { cert: string; key: string };
  /** The address to listen on (default 127.0.0.1; `::1` for IPv6). */
  host?: string;
  /** Send the headers, then a byte every 100 ms, never ending the answer (a server too slow for any deadline). */
  trickle?: boolean;
}

/** A real HTTPS server on 127.0.0.1 (or `host`) with a self-signed certificate for localhost, serving exactly the defect asked for. */
export async function httpsFixture(options: HttpsFixtureOptions = {}): Promise<Fixture> {
  const { cert, key } = options.identity ?? (await selfSignedCertificate(['localhost'], ['127.0.0.1'], options.days ?? 365));
  // TLS 1.0/1.1 only exist in OpenSSL 3 below its default security level.
  const legacy = options.minVersion === 'TLSv1' || options.minVersion === 'TLSv1.1';
  const trickles = new Set<NodeJS.Timeout>();
  const server = https.createServer({ cert, key, minVersion: options.minVersion, ...(legacy ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}) }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://fixture').pathname;
    const headers: Record<string, string | string[]> = { 'content-type': 'text/plain', ...options.headers, ...options.pathHeaders?.[path] };
    if (options.echoOrigin && req.headers.origin) headers['access-control-allow-origin'] = req.headers.origin;
    res.writeHead(200, headers);
    if (!options.trickle) return res.end('fixture');
    // Never idle long enough for a socket timeout, never done: only a deadline over the whole probe ends it.
    const drip = setInterval(() => res.write('.'), 100);
    trickles.add(drip);
    res.on('close', () => {
      clearInterval(drip);
      trickles.delete(drip);
    });
  });
  const fixture = await listen(server, 'https', options.host);
  return {
    ...fixture,
    close: () => {
      for (const drip of trickles) clearInterval(drip);
      return fixture.close();
    },
  };
}

/** Whether this machine has an IPv6 loopback (`::1`) to listen on. */
export function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });
}

/** A certificate for `dnsName` issued by a CA made for the test (not self-signed), with its key. */
export async function caIssuedCertificate(dnsName: string): Promise<{ cert: string; key: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  type Keys = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];
  const caKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as unknown as Keys;
  const leafKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as unknown as Keys;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 200 * 86_400_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Advisor Test CA',
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys: caKeys,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${dnsName}`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: dnsName }])],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey as unknown as webcrypto.CryptoKey);
  const key = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(pkcs8).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { cert: `${leaf.toString('pem')}\n${ca.toString('pem')}\n`, key };
}

/** A real plain-HTTP server on 127.0.0.1 that answers every request with `status` and `headers`. */
export async function plainHttpFixture(status: number, headers: Record<string, string> = {}): Promise<Fixture> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(status === 200 ? 'content over plain HTTP' : '');
  });
  return listen(server, 'http');
}

/** A real plain-HTTP server that takes every request and never answers it (a registry down behind a proxy that holds on). */
export async function silentHttpFixture(): Promise<Fixture> {
  return listen(http.createServer(() => {}), 'http');
}

/**
 * A registry that answers npm audit's bulk advisory request (`POST /-/npm/v1/security/advisories/bulk`)
 * from `advisories`, keyed by package name, as registry.npmjs.org does.
 */
export async function advisoryRegistryFixture(advisories: Record<string, unknown[]>): Promise<Fixture> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/-/npm/v1/security/advisories/bulk')) {
        res.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const asked = JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as Record<string, string[]>;
      const answer = Object.fromEntries(Object.keys(asked).filter((name) => advisories[name]).map((name) => [name, advisories[name]]));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  return listen(server, 'http');
}

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https', host = '127.0.0.1'): Promise<Fixture> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://${host !== '127.0.0.1' ? (net.isIPv6(host) ? `[${host}]` : host) : scheme === 'https' ? 'localhost' : host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
