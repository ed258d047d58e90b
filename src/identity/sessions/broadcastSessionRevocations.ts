import type { Logger } from 'pino';
import type { Broadcast } from '../../broadcast/Broadcast.js';
import type { SessionRevocations } from './SessionRevocations.js';

const topic = 'sessions:revoked';

/**
 * Announcements heard by every instance on the broadcast (Redis pub/sub), this one included.
 * The revocation itself is already committed in the shared store; this only lets caches and
 * open streams drop the session at once instead of at their next look.
 */
export function broadcastSessionRevocations(broadcast: Broadcast, logger: Logger): SessionRevocations {
  return {
    announce(sessionIds) {
      if (sessionIds.length > 0) broadcast.publish(topic, JSON.stringify(sessionIds));
    },
    onRevoked(listener) {
      return broadcast.subscribe(topic, (message) => {
        let ids: unknown;
        try {
          ids = JSON.parse(message);
        } catch {
          ids = undefined;
        }
        if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) listener(ids);
        else logger.warn('ignored a malformed session revocation announcement');
      });
    },
  };
}
