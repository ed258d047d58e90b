import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

const password = 'correct horse battery staple';
let gh: TestServer;
let alice: Client;

beforeAll(async () => {
  gh = await startTestServer({ GATEHOUSE_HTTP_PORT: '0' });
  await gh.addUser('alice@example.com', password, ['students']);
  alice = gh.client();
  await alice.signIn('alice@example.com', password);
});
afterAll(() => gh.close());

describe('CSRF and origin', () => {
  it('refuses a cookie-authenticated POST without X-CSRF-Token (403 CSRF)', async () => {
    const answer = await alice.post('/api/orders', { items: [{ sku: 'a', qty: 1 }] }, { csrf: false });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('CSRF');
  });

  it('refuses a wrong X-CSRF-Token, including the token of another session', async () => {
    const wrong = await alice.post('/api/orders', { items: [{ sku: 'a', qty: 1 }] }, { headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    const other = gh.client();
    await other.signIn('alice@example.com', password);
    const borrowed = await alice.post('/api/orders', { items: [{ sku: 'a', qty: 1 }] }, { headers: { 'x-csrf-token': other.csrfToken! } });
    expect(borrowed.status).toBe(403);
    expect(borrowed.body.error.code).toBe('CSRF');
  });

  it('refuses sign-out without the CSRF token', async () => {
    const answer = await alice.post('/auth/sign-out', {}, { csrf: false });
    expect(answer.status).toBe(403);
    expect((await alice.get('/auth/session')).status).toBe(200);
  });

  it('refuses an unsafe request from another origin, even sign-in', async () => {
    const api = await alice.post('/api/orders', { items: [{ sku: 'a', qty: 1 }] }, { headers: { origin: 'https://evil.example' } });
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe('CSRF');
    const signIn = await gh.client().post('/auth/sign-in', { email: 'alice@example.com', password }, { headers: { origin: 'https://evil.example' } });
    expect(signIn.status).toBe(403);
  });

  it('wants the CSRF token on PUT and on a password change too', async () => {
    const put = await alice.request('PUT', '/api/grades/some-id', { json: { score: 1 }, csrf: false });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('CSRF');
    const change = await alice.post('/auth/password/change', { currentPassword: password, password: 'hijacked passphrase' }, { csrf: false });
    expect(change.status).toBe(403);
    expect(change.body.error.code).toBe('CSRF');
  });

  it('accepts the public origin', async () => {
    const answer = await alice.post('/api/orders', { items: [{ sku: 'a', qty: 1 }] }, { headers: { origin: gh.runtime.config.publicUrl } });
    expect(answer.status).toBe(201);
  });

  it('answers a signed-out cookie with 401', async () => {
    const c = gh.client();
    await c.signIn('alice@example.com', password);
    const cookie = c.cookie;
    await c.post('/auth/sign-out');
    c.cookie = cookie;
    const answer = await c.post('/api/orders', { items: [{ sku: 'a', qty: 1 }] });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('HTTPS and security headers', () => {
  it('serves a certificate for localhost and 127.0.0.1', () => {
    const certificate = new X509Certificate(gh.server.certificate);
    expect(certificate.subjectAltName).toContain('DNS:localhost');
    expect(certificate.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
  });

  it('speaks no TLS older than 1.2', async () => {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: gh.server.port, ca: gh.server.certificate, servername: 'localhost', maxVersion: 'TLSv1.1', minVersion: 'TLSv1' });
      socket.once('secureConnect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('sends HSTS, CSP, nosniff, Referrer-Policy and frame-ancestors none', async () => {
    const answer = await gh.client().get('/');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(answer.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('keeps account answers out of caches', async () => {
    const answer = await alice.get('/auth/session');
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('redirects plain HTTP to HTTPS and serves nothing over it', async () => {
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: gh.server.httpPort, path: '/auth/session?x=1' }, resolve).on('error', reject);
    });
    answer.resume();
    expect(answer.statusCode).toBe(308);
    expect(answer.headers.location).toBe(`${gh.runtime.config.publicUrl}/auth/session?x=1`);
  });
});

describe('bad input is a clear 4xx, never a 500', () => {
  it('refuses malformed JSON with VALIDATION_ERROR', async () => {
    const answer = await gh.client().request('POST', '/auth/sign-in', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const answer = await gh.client().request('POST', '/auth/sign-in', { body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(415);
  });

  it('refuses wrong types, unknown fields and over-long strings', async () => {
    const c = gh.client();
    for (const body of [
      { email: 42, password },
      { email: 'a@example.com', password, admin: true },
      { email: `${'a'.repeat(300)}@example.com`, password },
      { email: 'a@example.com', password: 'p'.repeat(2000) },
      [],
      null,
      'text',
    ]) {
      const answer = await c.post('/auth/sign-in', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_ERROR');
      expect(answer.text).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('refuses numbers out of range and strings that are not Unicode with 400', async () => {
    for (const body of ['{"items":[{"sku":"a","qty":1e309}]}', '{"items":[{"sku":"\\ud800","qty":1}]}', '{"\\ud800k":1}']) {
      const answer = await alice.request('POST', '/api/orders', { body, headers: { 'content-type': 'application/json' } });
      expect(answer.status, body).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('refuses a query key given twice', async () => {
    const answer = await alice.get('/api/grades?studentId=a&studentId=b');
    expect(answer.status).toBe(400);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const answer = await gh.client().post('/auth/sign-up', { email: 'big@example.com', password: 'x'.repeat(1_100_000) });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses deeply nested JSON without a 500', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const answer = await gh.client().request('POST', '/auth/sign-in', { body: deep, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
  });

  it('answers unknown routes with 404 in the contract shape', async () => {
    const answer = await gh.client().get('/auth/nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
