import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the tests use: its own database number, and a key prefix per test file. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/7';

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Whether to skip Redis tests: only when it is not running and this is not CI (there, a missing service fails). */
export const skipRedis = process.env.CI !== 'true' && !(await redisReachable());

/** A prefix no other test run uses. */
export function freshRedisPrefix(): string {
  return `gh-test-${randomBytes(6).toString('hex')}:`;
}
