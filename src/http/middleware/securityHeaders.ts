import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { HttpEnv } from '../HttpEnv.js';

/**
 * HSTS for two years, a CSP that allows only our own origin and no framing, nosniff,
 * no referrer, no cross-origin reads.
 */
export function securityHeaders(): MiddlewareHandler<HttpEnv> {
  return secureHeaders({
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
}
