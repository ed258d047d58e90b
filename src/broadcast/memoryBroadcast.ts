import type { Logger } from 'pino';
import type { Broadcast } from './Broadcast.js';
import { Listeners } from './Listeners.js';

/** A broadcast within this process: enough for one instance. */
export function memoryBroadcast(logger: Logger): Broadcast {
  const listeners = new Listeners();
  const onError = (error: unknown) => logger.error({ err: error }, 'a broadcast listener failed');
  return {
    // Delivered after the publisher's current work, as a networked broadcast would be.
    publish: (topic, message) => queueMicrotask(() => listeners.deliver(topic, message, onError)),
    subscribe: (topic, listener) => listeners.add(topic, listener),
    close: async () => listeners.clear(),
  };
}
