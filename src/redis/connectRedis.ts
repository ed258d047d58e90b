// ioredis: the Redis client DESIGN.md names (cluster, TLS, reconnects, pub/sub).
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Connects to the Redis at `url`. Commands fail at once while Redis is unreachable instead
 * of queueing, so that callers (limits) can fail closed; the client reconnects by itself,
 * and the log says when Redis went down and when it came back.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    // Back off up to 2 s between tries, forever: Redis coming back must be noticed.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error({ err: error }, 'Redis is unreachable: shared limits fail closed, revocations and channel messages reach this instance only');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.warn('Redis is reachable again');
  });
  try {
    await redis.connect();
  } catch {
    // Logged by the error handler; the client keeps trying, and the instance starts degraded.
  }
  return redis;
}
