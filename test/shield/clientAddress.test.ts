import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpEnv } from '../../src/http/HttpEnv.js';
import { behindTrustedProxies } from '../../src/shield/clientAddress.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { auditEvents, statusCounts } from './support.js';

/** What behindTrustedProxies answers for a request from `socket` with `headers`. */
async function seen(trusted: string[], socket: string, headers: Record<string, string>, header: 'x-forwarded-for' | 'forwarded' = 'x-forwarded-for'): Promise<string | null> {
  const app = new Hono<HttpEnv>();
  const address = behindTrustedProxies(trusted, () => socket, header);
  app.get('/', (c) => c.text(address(c as never) ?? 'null'));
  return (await app.request('/', { headers })).text();
}

describe('client address', () => {
  it('is the socket address without trusted proxies, whatever the headers say', async () => {
    expect(await seen([], '203.0.113.9', { 'x-forwarded-for': '1.2.3.4', forwarded: 'for=5.6.7.8' })).toBe('203.0.113.9');
    expect(await seen([], '::ffff:203.0.113.9', {})).toBe('203.0.113.9');
  });

  it('believes the hops only from a trusted proxy, read from the right', async () => {
    const proxies = ['10.0.0.0/8'];
    expect(await seen(proxies, '10.1.1.1', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.2.2.2' })).toBe('198.51.100.7');
    expect(await seen(proxies, '10.1.1.1', { forwarded: 'for=6.6.6.6, for="[2001:db8::7]:4711";proto=https' }, 'forwarded')).toBe('2001:db8::7');
    expect(await seen(proxies, '10.1.1.1', { forwarded: 'for=198.51.100.8:1234' }, 'forwarded')).toBe('198.51.100.8');
    // Not from a trusted proxy: the headers are the client's own words.
    expect(await seen(proxies, '198.51.100.9', { 'x-forwarded-for': '10.9.9.9' })).toBe('198.51.100.9');
    // A hop that is no address ends what can be believed.
    expect(await seen(proxies, '10.1.1.1', { 'x-forwarded-for': '6.6.6.6, garbage' })).toBe('10.1.1.1');
    // Nor is an IPv6 zone, which would let a hop be any length.
    expect(await seen(proxies, '10.1.1.1', { 'x-forwarded-for': `fe80::1%${'a'.repeat(80)}` })).toBe('10.1.1.1');
  });

  it('reads only the header the proxies write: the other one is passed through from the client', async () => {
    const proxies = ['10.0.0.0/8'];
    // The proxy appended the client to X-Forwarded-For; the client sent its own Forwarded.
    const headers = { 'x-forwarded-for': '203.0.113.9', forwarded: 'for=6.6.6.6' };
    expect(await seen(proxies, '10.1.1.1', headers)).toBe('203.0.113.9');
    expect(await seen(proxies, '10.1.1.1', { 'x-forwarded-for': '6.6.6.6', forwarded: 'for=203.0.113.9' }, 'forwarded')).toBe('203.0.113.9');
  });
});

describe('a spoofed X-Forwarded-For', () => {
  let gh: TestServer;
  afterEach(() => gh?.close());

  it('changes nothing without trusted proxies: same limits, same recorded address', async () => {
    gh = await startTestServer({ GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '3' });
    const c = gh.client();
    const answers = [];
    for (let i = 0; i < 5; i += 1) {
      const spoof = { 'x-forwarded-for': `198.51.100.${i}`, forwarded: `for=198.51.100.${i}` };
      answers.push((await c.post('/auth/password/forgot', { email: 'someone@example.com' }, { headers: spoof })).status);
    }
    expect(statusCounts(answers)).toEqual({ 202: 3, 429: 2 });
    const forgot = (await auditEvents(gh)).filter((e) => e.eventName === 'ForgotPassword');
    expect(forgot.map((e) => e.sourceIPAddress)).toEqual(Array(5).fill('127.0.0.1'));
  });

  it('is believed from a trusted proxy', async () => {
    gh = await startTestServer({ GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '3', GATEHOUSE_TRUSTED_PROXIES: '127.0.0.1/32' });
    const c = gh.client();
    for (let i = 0; i < 5; i += 1) {
      expect((await c.post('/auth/password/forgot', { email: 'someone@example.com' }, { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status).toBe(202);
    }
    const forgot = (await auditEvents(gh)).filter((e) => e.eventName === 'ForgotPassword');
    expect(forgot.map((e) => e.sourceIPAddress)).toEqual([0, 1, 2, 3, 4].map((i) => `198.51.100.${i}`));
  });
});

describe('GATEHOUSE_TRUSTED_PROXIES', () => {
  it('takes a comma-separated list of CIDRs and refuses anything else, naming the variable', async () => {
    const { loadConfig } = await import('../../src/config/loadConfig.js');
    expect(loadConfig({ GATEHOUSE_TRUSTED_PROXIES: '10.0.0.0/8, ::1/128,192.0.2.1' }).shield.trustedProxies).toEqual(['10.0.0.0/8', '::1/128', '192.0.2.1']);
    expect(loadConfig({}).shield.trustedProxies).toEqual([]);
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.0/8,nope']) {
      expect(() => loadConfig({ GATEHOUSE_TRUSTED_PROXIES: bad })).toThrow(/^GATEHOUSE_TRUSTED_PROXIES: /);
    }
  });
});

describe('a flood of distinct addresses', () => {
  it('leaves the in-memory limits holding no more keys than their cap', async () => {
    const { BoundedMemoryLimiter } = await import('../../src/shield/limiters/BoundedMemoryLimiter.js');
    const gh = await startTestServer({ GATEHOUSE_TRUSTED_PROXIES: '127.0.0.1/32', GATEHOUSE_MEMORY_LIMITER_KEYS: '50' });
    try {
      const c = gh.client();
      for (let i = 0; i < 300; i += 1) {
        const answer = await c.get('/auth/session', { 'x-forwarded-for': `198.51.${i >> 8}.${i & 255}` });
        expect(answer.status).toBe(401);
      }
      const { perAddress, refusals } = gh.runtime.shield;
      expect(perAddress).toBeInstanceOf(BoundedMemoryLimiter);
      expect((perAddress as InstanceType<typeof BoundedMemoryLimiter>).size).toBe(50);
      expect((refusals as InstanceType<typeof BoundedMemoryLimiter>).size).toBe(50);
    } finally {
      await gh.close();
    }
  });
});
