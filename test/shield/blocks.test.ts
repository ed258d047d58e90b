import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrollingTotp } from '../support/otpDevice.js';
import { runCli } from '../support/runCli.js';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';
import { auditEvents, statusCounts } from './support.js';

const password = 'an administrator passphrase';
let gh: TestServer;
let admin: Client;

beforeAll(async () => {
  // Blocks re-read every 200 ms, so that a lift by the CLI (another process) is seen soon.
  gh = await startTestServer({ GATEHOUSE_BLOCK_AFTER_REFUSALS: '5', GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '20' }, { configure: (config) => (config.shield.blockRefreshMs = 200) });
  await gh.addUser('admin@example.com', password, ['admins']);
  await gh.addUser('teacher@example.com', password, ['teachers']);
  admin = gh.client();
  // Administrators must enrol a second factor before anything else.
  await signInEnrollingTotp(admin, 'admin@example.com', password);
});
afterAll(() => gh?.close());

/** Runs the built `gatehouse` binary against the test server's data. */
const gatehouse = (args: string[]) => runCli(gh.dataDir, args);

describe('abusive clients', () => {
  it('blocks a client that keeps drawing refusals, for a growing time, and records each block', async () => {
    const abuser = gh.client({ localAddress: '127.0.0.2' });
    const first = [];
    for (let i = 0; i < 7; i += 1) first.push(await abuser.get('/auth/session'));
    // Five refusals are tolerated; the sixth blocks; the seventh meets the block.
    expect(first.slice(0, 6).map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(first[6]!.status).toBe(429);
    expect(first[6]!.body.error.code).toBe('RATE_LIMITED');
    const firstWait = Number(first[6]!.headers.get('retry-after'));
    expect(firstWait).toBeGreaterThan(200);
    expect(firstWait).toBeLessThanOrEqual(300);

    const blocks = (await auditEvents(gh)).filter((e) => e.eventName === 'BlockClient');
    expect(blocks).toHaveLength(1);
    expect(blocks[0].sourceIPAddress).toBe('127.0.0.2');
    expect(blocks[0].eventSource).toBe('shield.gatehouse');

    // Others are not affected.
    expect((await gh.client({ localAddress: '127.0.0.3' }).get('/auth/session')).status).toBe(401);

    const listed = await admin.get('/admin/shield/blocks');
    expect(listed.status).toBe(200);
    expect(listed.body.blocks.map((b: { ip: string }) => b.ip)).toEqual(['127.0.0.2']);

    const lifted = await admin.request('DELETE', '/admin/shield/blocks/127.0.0.2');
    expect(lifted.status).toBe(200);
    expect((await abuser.get('/auth/session')).status).toBe(401);
    expect((await admin.request('DELETE', '/admin/shield/blocks/127.0.0.2')).status).toBe(404);

    // The next block of the same address lasts four times longer.
    let answer;
    do answer = await abuser.get('/auth/session');
    while (answer.status === 401);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(firstWait * 3);
  });

  it('shows and lifts blocks to administrators only', async () => {
    // From an address of its own: these refusals would add up to a block of the admin's.
    const teacher = gh.client({ localAddress: '127.0.0.7' });
    expect((await teacher.signIn('teacher@example.com', password)).status).toBe(200);
    expect((await teacher.get('/admin/shield/blocks')).status).toBe(403);
    expect((await teacher.request('DELETE', '/admin/shield/blocks/127.0.0.2')).status).toBe(403);
    expect((await gh.client({ localAddress: '127.0.0.7' }).get('/admin/shield/blocks')).status).toBe(401);
    expect((await teacher.post('/admin/pentest-windows', { minutes: 5 })).status).toBe(403);
    expect((await admin.request('DELETE', '/admin/shield/blocks/not-an-ip')).status).toBe(400);
  });

  // Each command starts a Node process that loads the policies: seconds apiece on a loaded machine.
  it('lists and lifts blocks from the command line, each lift recorded', { timeout: 90_000 }, async () => {
    const listed = await gatehouse(['shield', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).blocks.map((b: { ip: string }) => b.ip)).toContain('127.0.0.2');
    // While blocked, a new connection is closed at accept, before TLS.
    await expect(gh.client({ localAddress: '127.0.0.2' }).get('/auth/session')).rejects.toThrow();
    const lifted = await gatehouse(['shield', 'lift', '127.0.0.2']);
    expect(lifted.code).toBe(0);
    // The server re-reads blocks every 200 ms; a loaded machine may run that timer late.
    const statusOnceLifted = async () => {
      for (const deadline = Date.now() + 15_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
        const answer = await gh.client({ localAddress: '127.0.0.2' }).get('/auth/session').catch(() => undefined);
        if (answer || Date.now() > deadline) return answer?.status;
      }
    };
    expect(await statusOnceLifted()).toBe(401);
    expect((await gatehouse(['shield', 'lift', '127.0.0.2'])).code).toBe(1);
    const events = (await auditEvents(gh)).filter((e) => e.eventName === 'LiftClientBlock' && e.errorCode === null);
    expect(events.map((e) => e.userIdentity.type)).toEqual(['User', 'Operator']);
  });
});

describe('pen-test windows', () => {
  it('limits requests bearing a window token but never blocks them, and flags their events', async () => {
    const opened = await admin.post('/admin/pentest-windows', { minutes: 5 });
    expect(opened.status).toBe(201);
    const token: string = opened.body.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is kept.
    const stored = await gh.runtime.db.selectFrom('pentest_windows').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const tester = gh.client({ localAddress: '127.0.0.4' });
    const headers = { 'x-pentest-window': token };
    const statuses = [];
    for (let i = 0; i < 25; i += 1) statuses.push((await tester.post('/auth/password/forgot', { email: `probe${i}@example.com` }, { headers })).status);
    for (let i = 0; i < 10; i += 1) statuses.push((await tester.get('/auth/session', headers)).status);
    // Limited (20 a minute on forgot), refused 15 times, never blocked.
    expect(statusCounts(statuses)).toEqual({ 202: 20, 429: 5, 401: 10 });
    expect((await admin.get('/admin/shield/blocks')).body.blocks.map((b: { ip: string }) => b.ip)).not.toContain('127.0.0.4');

    const events = (await auditEvents(gh)).filter((e) => e.sourceIPAddress === '127.0.0.4');
    expect(events).toHaveLength(35);
    expect(events.every((e) => e.additionalEventData.pentest === true)).toBe(true);

    // Without the token (or with a wrong one) the same address is an ordinary client.
    const stranger = gh.client({ localAddress: '127.0.0.5' });
    await stranger.get('/auth/session', { 'x-pentest-window': 'A'.repeat(43) });
    const last = (await auditEvents(gh)).at(-1);
    expect(last.sourceIPAddress).toBe('127.0.0.5');
    expect(last.additionalEventData.pentest).toBeUndefined();
    const opening = (await auditEvents(gh)).find((e) => e.eventName === 'OpenPentestWindow');
    expect(JSON.stringify(opening)).not.toContain(token);
  });

  it('opens a window from the command line, printing the token once', { timeout: 90_000 }, async () => {
    const opened = await gatehouse(['pentest', 'window', 'open', '--minutes', '10']);
    expect(opened.code).toBe(0);
    const token = opened.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await gh.client({ localAddress: '127.0.0.6' }).get('/auth/session', { 'x-pentest-window': token });
    expect((await auditEvents(gh)).at(-1).additionalEventData.pentest).toBe(true);
    expect((await gatehouse(['pentest', 'window', 'open', '--minutes', '0'])).code).toBe(1);
  });
});
