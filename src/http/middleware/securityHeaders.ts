import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { HttpEnv } from '../HttpEnv.js';

/**
 * HSTS for two years, a CSP that allows only our own origin and no framing, nosniff,
 * no referrer. API answers about accounts are never cached.
 */
export function securityHeaders(): MiddlewareHandler<HttpEnv> {
  const headers = secureHeaders({
    strictTransportSecurity: 'max-age=63072000; includeSubDomains',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
  });
  return async function securityHeadersWithNoStore(c, next) {
    await headers(c, next);
    if (/^\/(auth|api|admin|audit)(\/|$)/.test(c.req.path)) c.header('Cache-Control', 'no-store');
  };
}
