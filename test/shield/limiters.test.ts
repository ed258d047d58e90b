import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGatehouseError } from '../../src/errors/GatehouseError.js';
import { BoundedMemoryLimiter } from '../../src/shield/limiters/BoundedMemoryLimiter.js';
import { consumeOrRefuse } from '../../src/shield/limiters/consumeOrRefuse.js';
import { createLimiters } from '../../src/shield/limiters/createLimiters.js';
import { DatabaseLimiter } from '../../src/shield/limiters/DatabaseLimiter.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createSignInGuard } from '../../src/shield/signInGuard.js';
import { openDatabase, type Store } from '../../src/store/openDatabase.js';
import { tempDataDir } from '../support/testServer.js';

const statuses = (settled: PromiseSettledResult<unknown>[]) => ({
  allowed: settled.filter((s) => s.status === 'fulfilled').length,
  limited: settled.filter((s) => s.status === 'rejected' && s.reason instanceof RateLimiterRes).length,
});

let dir: string;
let db: Store;
beforeAll(async () => {
  dir = tempDataDir();
  db = await openDatabase(`sqlite:${path.join(dir, 'limits.db')}`);
});
afterAll(async () => {
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('in-memory limiter', () => {
  it('stays bounded under a flood of distinct addresses, evicting the least recently used', async () => {
    const limiter = new BoundedMemoryLimiter({ keyPrefix: 'flood', points: 5, duration: 60, maxKeys: 1000 });
    for (let i = 0; i < 50_000; i += 1) await limiter.consume(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(limiter.size).toBe(1000);
  });

  it('limits each key to its points, and a recent key survives the eviction of older ones', async () => {
    const limiter = new BoundedMemoryLimiter({ keyPrefix: 'lru', points: 3, duration: 60, maxKeys: 10 });
    const first = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.consume('hot')));
    expect(statuses(first)).toEqual({ allowed: 3, limited: 2 });
    for (let i = 0; i < 9; i += 1) await limiter.consume(`cold-${i}`);
    await expect(limiter.consume('hot')).rejects.toBeInstanceOf(RateLimiterRes);
  });
});

describe('database limiter', () => {
  it('counts 50 parallel consumes atomically', async () => {
    const limiter = new DatabaseLimiter(db, { keyPrefix: 'db', points: 7, duration: 60 });
    const settled = await Promise.allSettled(Array.from({ length: 50 }, () => limiter.consume('account')));
    expect(statuses(settled)).toEqual({ allowed: 7, limited: 43 });
    expect((await limiter.get('account'))?.consumedPoints).toBe(50);
    await limiter.delete('account');
    expect(await limiter.get('account')).toBeNull();
  });

  it('starts a new window once the old one has ended', async () => {
    const limiter = new DatabaseLimiter(db, { keyPrefix: 'window', points: 1, duration: 1 });
    await limiter.consume('k');
    await expect(limiter.consume('k')).rejects.toBeInstanceOf(RateLimiterRes);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiter.consume('k')).consumedPoints).toBe(1);
  });
});

describe('sign-in guard', () => {
  const config = () => loadConfig({ GATEHOUSE_SIGN_IN_FREE_FAILURES: '2', GATEHOUSE_SIGN_IN_FREE_FAILURES_PER_IP: '50' }).shield;
  const hmacKey = Buffer.alloc(32, 7);

  it('asks a wait that doubles after each failure past the free ones', async () => {
    const shield = { ...config(), signInFirstDelaySeconds: 1 };
    const guard = createSignInGuard(shield, createLimiters({ db, maxKeys: 100 }), hmacKey);
    const attempt = () => guard.reserve({ identifier: 'slow@example.com', ip: '10.0.0.1', knownAddress: false });
    const retryAfter = async () => {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      if (!isGatehouseError(error, 'RATE_LIMITED')) throw new Error('expected RATE_LIMITED');
      return Number(error.headers['Retry-After']);
    };
    await attempt(); // free
    await attempt(); // the last free one starts a 1 s wait
    expect(await retryAfter()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await attempt(); // after its wait; the next wait is 2 s
    expect(await retryAfter()).toBe(2);
  });

  it('refuses past 100 consecutive failures until a success clears them', async () => {
    // No pace here (every failure free), to reach the NIST ceiling quickly.
    const guard = createSignInGuard({ ...config(), signInFreeFailures: 1000, signInFreeFailuresPerIp: 1000 }, createLimiters({ db, maxKeys: 100 }), hmacKey);
    const attempt = () => guard.reserve({ identifier: 'many@example.com', ip: '10.0.0.2', knownAddress: false });
    for (let i = 0; i < 100; i += 1) await attempt();
    await expect(attempt()).rejects.toSatisfy((e) => isGatehouseError(e, 'RATE_LIMITED'));
    const elsewhere = () => guard.reserve({ identifier: 'many@example.com', ip: '10.0.0.3', knownAddress: false });
    await expect(elsewhere()).rejects.toSatisfy((e) => isGatehouseError(e, 'RATE_LIMITED'));
    // A reset clears the account's run; the address that made the 100 failures keeps its own.
    await guard.clear('many@example.com');
    await expect(elsewhere()).resolves.toBeDefined();
    await expect(attempt()).rejects.toSatisfy((e) => isGatehouseError(e, 'RATE_LIMITED'));
  });
});

// Redis: the shared store of GATEHOUSE_REDIS_URL. With CI=true a missing Redis fails the suite.
const redisUrl = 'redis://127.0.0.1:6379/0';
const redisUp = await new Promise<boolean>((resolve) => {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.connect().then(
    () => probe.quit().then(() => resolve(true)),
    () => resolve(false),
  );
});
if (!redisUp && process.env.CI === 'true') throw new Error('Redis is not reachable at 127.0.0.1:6379 and CI=true');

describe.skipIf(!redisUp)('Redis limiter', () => {
  const prefix = `gatehouse-test-shield-${process.pid}-${Date.now()}`;
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(redisUrl);
    // The limiter refuses while the client is not ready (rejectIfRedisNotReady).
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('counts 50 parallel consumes atomically, shared by two instances', async () => {
    const one = createLimiters({ db, maxKeys: 100, redis, keyPrefix: prefix }).forAccounts({ name: 'acct', points: 7, durationSeconds: 60 });
    const two = createLimiters({ db, maxKeys: 100, redis, keyPrefix: prefix }).forAccounts({ name: 'acct', points: 7, durationSeconds: 60 });
    const settled = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).consume('account')));
    expect(statuses(settled)).toEqual({ allowed: 7, limited: 43 });
  });

  it('fails closed for sign-in counts and falls back to memory for request limits when Redis is down', async () => {
    // A client to a port nothing listens on: never ready.
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    try {
      const limiters = createLimiters({ db, maxKeys: 100, redis: down, keyPrefix: prefix });
      const accounts = limiters.forAccounts({ name: 'acct-down', points: 5, durationSeconds: 60 });
      await expect(consumeOrRefuse(accounts, 'k')).rejects.toSatisfy((e) => isGatehouseError(e, 'SERVICE_UNAVAILABLE'));
      const requests = limiters.forRequests({ name: 'req-down', points: 2, durationSeconds: 60 });
      await consumeOrRefuse(requests, 'ip');
      await consumeOrRefuse(requests, 'ip');
      await expect(consumeOrRefuse(requests, 'ip')).rejects.toSatisfy((e) => isGatehouseError(e, 'RATE_LIMITED'));
    } finally {
      down.disconnect();
    }
  });
});
