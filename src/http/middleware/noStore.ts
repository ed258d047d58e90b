import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../HttpEnv.js';
import { isApiPath } from '../requestKinds.js';

/** Keeps answers about accounts and data out of every cache (set before the handler runs). */
export function noStore(): MiddlewareHandler<HttpEnv> {
  return async function noStore(c, next) {
    if (isApiPath(c.req.path)) c.header('Cache-Control', 'no-store');
    await next();
  };
}
