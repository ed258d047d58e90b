import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { HttpEnv } from '../HttpEnv.js';

/**
 * HSTS for two years, a CSP that allows only our own origin and no framing, nosniff,
 * no referrer to other sites, no cross-origin reads. `same-origin` rather than `no-referrer`:
 * under `no-referrer` browsers send `Origin: null` with a form post, which the origin check
 * must refuse, so the hosted pages' forms could not work.
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
    referrerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
  });
}
