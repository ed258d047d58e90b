import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../HttpEnv.js';

/** Names a route's audit event (CloudTrail's `eventName`) and the status it answers on success. */
export function event(name: string, successStatus = 200): MiddlewareHandler<HttpEnv> {
  return async function event(c, next) {
    c.set('eventName', name);
    c.set('successStatus', successStatus);
    await next();
  };
}
