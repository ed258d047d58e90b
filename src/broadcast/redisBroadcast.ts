import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Broadcast } from './Broadcast.js';
import { Listeners } from './Listeners.js';

/**
 * A broadcast over Redis pub/sub, heard by every instance on that Redis. Topics are
 * prefixed, so deployments can share one Redis (pub/sub ignores database numbers). While
 * Redis is down, messages still reach this instance's own listeners, and the log says so.
 */
export function redisBroadcast(redis: Redis, prefix: string, logger: Logger): Broadcast {
  // A connection in subscriber mode can do nothing else, so it gets its own; its subscriptions
  // wait for the connection and are renewed after every reconnect.
  const subscriber = redis.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null });
  const onError = (error: unknown) => logger.error({ err: error }, 'a broadcast listener failed');
  const failed = (error: unknown) => logger.error({ err: error }, 'Redis pub/sub failed: this instance hears only itself');
  const listeners = new Listeners({
    first: (topic) => void subscriber.subscribe(prefix + topic).catch(failed),
    last: (topic) => void subscriber.unsubscribe(prefix + topic).catch(failed),
  });
  subscriber.on('message', (channel: string, message: string) => {
    if (channel.startsWith(prefix)) listeners.deliver(channel.slice(prefix.length), message, onError);
  });
  // Errors are logged by the main connection's watcher; this keeps them from being unhandled.
  subscriber.on('error', () => undefined);
  return {
    publish(topic, message) {
      redis.publish(prefix + topic, message).catch((error: unknown) => {
        failed(error);
        listeners.deliver(topic, message, onError);
      });
    },
    subscribe: (topic, listener) => listeners.add(topic, listener),
    async close() {
      listeners.clear();
      subscriber.disconnect();
    },
  };
}
