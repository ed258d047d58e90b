import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../HttpEnv.js';

/** How the runtime adapter tells the client's address (the socket's, or API Gateway's sourceIp). */
export type ClientAddress = (c: Context<HttpEnv>) => string | null;

/** Gives each request an id (echoed as X-Request-Id) and the client's address. */
export function requestContext(clientAddress: ClientAddress): MiddlewareHandler<HttpEnv> {
  return async function requestContext(c, next) {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('sourceIp', clientAddress(c));
    // Headers set before the handler ride on its response without rebuilding it.
    c.header('X-Request-Id', requestId);
    await next();
  };
}
