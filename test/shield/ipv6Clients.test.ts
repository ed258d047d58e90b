import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockClient } from '../../src/shield/blocks/blockClient.js';
import { saveBlock } from '../../src/store/repositories/shieldBlocks.js';
import { runGatehouse } from '../advisor/support/runGatehouse.js';
import { signInEnrollingTotp } from '../support/otpDevice.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';
import { auditEvents, statusCounts } from './support.js';

// This machine's loopback has ::1 alone: IPv6 clients arrive through 127.0.0.1 as a trusted
// proxy, each named by the X-Forwarded-For it appends, as behind a load balancer.
const proxied = { GATEHOUSE_TRUSTED_PROXIES: '127.0.0.1/32' };
const from = (address: string) => ({ 'x-forwarded-for': address });
const password = 'an administrator passphrase';

describe('IPv6 clients, one /64 each', () => {
  let gh: TestServer;
  let admin: Client;
  beforeAll(async () => {
    gh = await startTestServer({ ...proxied, GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '20', GATEHOUSE_BLOCK_AFTER_REFUSALS: '5' });
    await gh.addUser('admin@example.com', password, ['admins']);
    admin = gh.client();
    await signInEnrollingTotp(admin, 'admin@example.com', password);
  });
  afterAll(() => gh?.close());

  it('share a request limit across every address of the /64, each recorded by its own address', async () => {
    const c = gh.client();
    const statuses = [];
    // A new privacy address for each request (RFC 4941): the limit is the /64's.
    for (let i = 1; i <= 25; i += 1) statuses.push((await c.post('/auth/password/forgot', { email: 'someone@example.com' }, { headers: from(`2001:db8:1:1:${i.toString(16)}::1`) })).status);
    expect(statusCounts(statuses)).toEqual({ 202: 20, 429: 5 });
    // The next /64 is another client.
    expect((await c.post('/auth/password/forgot', { email: 'someone@example.com' }, { headers: from('2001:db8:1:2::1') })).status).toBe(202);
    const forgot = (await auditEvents(gh)).filter((e) => e.eventName === 'ForgotPassword');
    expect(forgot.slice(0, 3).map((e) => e.sourceIPAddress)).toEqual(['2001:db8:1:1:1::1', '2001:db8:1:1:2::1', '2001:db8:1:1:3::1']);
  });

  it('blocks the whole /64 of a client drawing refusals, and lifts it by any of its addresses or its key', async () => {
    const c = gh.client();
    const statuses = [];
    for (let i = 1; i <= 7; i += 1) statuses.push((await c.get('/auth/session', from(`2001:db8:2:1::${i}`))).status);
    // Five refusals are tolerated; the sixth blocks; the seventh, from yet another address of the /64, meets the block.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    expect((await c.get('/auth/session', from('2001:db8:2:1:ffff:ffff:ffff:ffff'))).status).toBe(429);
    expect((await c.get('/auth/session', from('2001:db8:2:2::1'))).status).toBe(401);

    // The block names the /64; its event, the address that crossed the limit.
    const block = (await auditEvents(gh)).filter((e) => e.eventName === 'BlockClient').at(-1);
    expect(block.sourceIPAddress).toBe('2001:db8:2:1::6');
    expect(block.requestParameters.ip).toBe('2001:db8:2:1::/64');
    expect((await admin.get('/admin/shield/blocks')).body.blocks.map((b: { ip: string }) => b.ip)).toEqual(['2001:db8:2:1::/64']);

    const lifted = await admin.request('DELETE', '/admin/shield/blocks/2001:db8:2:1::abcd');
    expect(lifted.status).toBe(200);
    expect(lifted.body).toEqual({ ip: '2001:db8:2:1::/64', lifted: true, keys: ['2001:db8:2:1::/64'] });
    expect((await c.get('/auth/session', from('2001:db8:2:1::7'))).status).toBe(401);

    // Blocked again, then lifted by the key as listed (what the console sends).
    let answer;
    let i = 100;
    do answer = await c.get('/auth/session', from(`2001:db8:2:1::${(i += 1)}`));
    while (answer.status === 401);
    expect(answer.status).toBe(429);
    expect((await admin.request('DELETE', `/admin/shield/blocks/${encodeURIComponent('2001:db8:2:1::/64')}`)).body).toEqual({ ip: '2001:db8:2:1::/64', lifted: true, keys: ['2001:db8:2:1::/64'] });
    expect((await admin.request('DELETE', '/admin/shield/blocks/2001:db8:2:1::1')).status).toBe(404);
    expect((await admin.request('DELETE', `/admin/shield/blocks/${encodeURIComponent('2001:db8:2:1::/129')}`)).status).toBe(400);
  });

  it('lifts a block kept under a bare IPv6 address, made while the prefix was 128', async () => {
    gh.runtime.config.shield.ipv6Prefix = 128;
    try {
      await blockClient(gh.runtime, '2001:db8:8:1::5', 'too many refusals');
    } finally {
      gh.runtime.config.shield.ipv6Prefix = 64;
    }
    expect((await admin.get('/admin/shield/blocks')).body.blocks.map((b: { ip: string }) => b.ip)).toEqual(['2001:db8:8:1::5']);
    expect((await admin.request('DELETE', '/admin/shield/blocks/2001:db8:8:1::5')).body).toEqual({ ip: '2001:db8:8:1::5', lifted: true, keys: ['2001:db8:8:1::5'] });
  });

  // As a block was kept before blocks were kept by prefix.
  const blockBareAddress = async (address: string) => {
    const at = gh.runtime.clock();
    await saveBlock(gh.runtime.db, {
      ip: address,
      strikes: 1,
      reason: 'too many refusals',
      blocked_at: new Date(at).toISOString(),
      blocked_until: new Date(at + 3_600_000).toISOString(),
      lifted_at: null,
    });
    await gh.runtime.shield.blocked.refresh();
  };

  it('still refuses a client blocked under its bare address, as blocks were kept before they were kept by prefix', async () => {
    await blockBareAddress('2001:db8:9:1::5');
    const c = gh.client();
    const refused = await c.get('/auth/session', from('2001:db8:9:1::5'));
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    // Only that address was blocked, not its /64.
    expect((await c.get('/auth/session', from('2001:db8:9:1::6'))).status).toBe(401);
    expect((await admin.request('DELETE', '/admin/shield/blocks/2001:db8:9:1::5')).status).toBe(200);
    expect((await c.get('/auth/session', from('2001:db8:9:1::5'))).status).toBe(401);
  });

  it('answers and records every block a lift by address ends: its prefix\'s and its bare address\'s', async () => {
    await blockBareAddress('2001:db8:a:1::5');
    await blockClient(gh.runtime, '2001:db8:a:1::6', 'too many refusals');
    const lifted = await admin.request('DELETE', '/admin/shield/blocks/2001:db8:a:1::5');
    expect(lifted.status).toBe(200);
    expect(lifted.body).toEqual({ ip: '2001:db8:a:1::/64', lifted: true, keys: ['2001:db8:a:1::/64', '2001:db8:a:1::5'] });
    const event = (await auditEvents(gh)).filter((e) => e.eventName === 'LiftClientBlock' && e.errorCode === null).at(-1);
    expect(event.responseElements.keys).toEqual(['2001:db8:a:1::/64', '2001:db8:a:1::5']);
    expect((await admin.get('/admin/shield/blocks')).body.blocks.map((b: { ip: string }) => b.ip)).not.toContain('2001:db8:a:1::5');
  });

  // Each command starts a Node process that loads the policies: seconds apiece on a loaded machine.
  it('lists the blocked /64 and lifts it from the command line', { timeout: 90_000 }, async () => {
    await blockClient(gh.runtime, '2001:db8:3:1::9', 'too many refusals');
    await blockClient(gh.runtime, '2001:db8:3:2::9', 'too many refusals');
    const listed = await runGatehouse(gh, ['shield', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).blocks.map((b: { ip: string }) => b.ip)).toEqual(expect.arrayContaining(['2001:db8:3:1::/64', '2001:db8:3:2::/64']));
    await blockBareAddress('2001:db8:3:1::1');
    const byAddress = await runGatehouse(gh, ['shield', 'lift', '2001:db8:3:1::1']);
    expect(byAddress.code).toBe(0);
    expect(byAddress.stdout).toBe('lifted the blocks of 2001:db8:3:1::/64 and 2001:db8:3:1::1\n');
    const byKey = await runGatehouse(gh, ['shield', 'lift', '2001:db8:3:2::/64']);
    expect(byKey.code).toBe(0);
    expect((await admin.get('/admin/shield/blocks')).body.blocks).toEqual([]);
  });
});

describe('sign-in brute force from IPv6', () => {
  let gh: TestServer;
  const right = 'a long and unguessed passphrase';
  const attempt = (email: string, pass: string, address: string) => gh.client().post('/auth/sign-in', { email, password: pass }, { headers: from(address) });
  beforeAll(async () => {
    // Per account: 3 free failures; per (account, client): 2.
    gh = await startTestServer({ ...proxied, GATEHOUSE_SIGN_IN_FREE_FAILURES: '3', GATEHOUSE_SIGN_IN_FREE_FAILURES_PER_IP: '2' });
  });
  afterAll(() => gh?.close());

  it('counts failures per (account, /64), not per address', async () => {
    await gh.addUser('pair@example.com', right);
    expect((await attempt('pair@example.com', 'wrong one', '2001:db8:4:1::1')).status).toBe(401);
    expect((await attempt('pair@example.com', 'wrong two', '2001:db8:4:1::2')).status).toBe(401);
    // A fresh address of the same /64 finds the pair's wait.
    const held = await attempt('pair@example.com', 'wrong three', '2001:db8:4:1::3');
    expect(held.status).toBe(429);
    expect(held.body.error.code).toBe('RATE_LIMITED');
    // Another /64 still has the account's last free failure.
    expect((await attempt('pair@example.com', 'wrong three', '2001:db8:4:2::1')).status).toBe(401);
  });

  it('knows the owner from another address of the /64 it signed in from before', async () => {
    await gh.addUser('owner@example.com', right);
    expect((await attempt('owner@example.com', right, '2001:db8:5:1::1')).status).toBe(200);
    // Guesses from many /64s hold the account back for everyone else…
    for (let i = 1; i <= 4; i += 1) await attempt('owner@example.com', 'a guess', `2001:db8:6:${i}::1`);
    expect((await attempt('owner@example.com', right, '2001:db8:7:1::1')).status).toBe(429);
    // …but not the owner, back with a new privacy address in its /64.
    expect((await attempt('owner@example.com', right, '2001:db8:5:1:abcd::99')).status).toBe(200);
  });
});
