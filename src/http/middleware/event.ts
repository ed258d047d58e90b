import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { HttpEnv } from '../HttpEnv.js';

/** A route's audit event: CloudTrail's `eventName` and the status the route answers on success. */
export interface EventName {
  name: string;
  successStatus: number;
}

type Marked = MiddlewareHandler<HttpEnv> & { auditEvent: EventName };

/**
 * Names a route's audit event. The name rides on the handler, so the audit recorder can read
 * it before any middleware runs, and a request refused early (CSRF, 401, 413) is still
 * recorded under the operation it aimed at.
 */
export function event(name: string, successStatus = 200): MiddlewareHandler<HttpEnv> {
  const marked = (async (_c, next) => {
    await next();
  }) as Marked;
  marked.auditEvent = { name, successStatus };
  return marked;
}

/** The event named by the route this request matched, if any. */
export function eventOf(c: Context<HttpEnv>): EventName | undefined {
  for (const route of matchedRoutes(c)) {
    const marker = (route.handler as Partial<Marked>).auditEvent;
    if (marker) return marker;
  }
  return undefined;
}
