import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { channelRoutes } from '../apps/channels/channelRoutes.js';
import { gradeRoutes } from '../apps/grades/gradeRoutes.js';
import { orderRoutes } from '../apps/orders/orderRoutes.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Runtime } from '../runtime/Runtime.js';
import { errorResponse } from './errorResponse.js';
import type { HttpEnv } from './HttpEnv.js';
import { auditRequest, unrecorded } from './middleware/auditRequest.js';
import { noStore } from './middleware/noStore.js';
import { originCheck } from './middleware/originCheck.js';
import { requestContext, type ClientAddress } from './middleware/requestContext.js';
import { bearerToken } from './middleware/bearerToken.js';
import { requireAdmin } from './middleware/requireAdmin.js';
import { requireCaller } from './middleware/requireCaller.js';
import { securityHeaders } from './middleware/securityHeaders.js';
import { sessionCookie } from './middleware/sessionCookie.js';
import { auditRoutes } from './routes/auditRoutes.js';
import { auditIntegrityRoutes } from './routes/auditIntegrityRoutes.js';
import { adminUserRoutes } from './routes/adminUserRoutes.js';
import { policyRoutes } from './routes/policyRoutes.js';
import { adminRoutes } from './routes/adminRoutes.js';
import { authRoutes } from './routes/authRoutes.js';
import { homeRoutes } from './routes/homeRoutes.js';
import { mfaRoutes } from './routes/mfaRoutes.js';
import { sessionRoutes } from './routes/sessionRoutes.js';
import { shieldRequests } from './middleware/shieldRequests.js';
import { shieldRoutes } from './routes/shieldRoutes.js';
import { tokenRoutes } from './routes/tokenRoutes.js';
import { wellKnownRoutes } from './routes/wellKnownRoutes.js';
import { pageNotFound, webRoutes } from '../web/webRoutes.js';
import { isApiPath } from './requestKinds.js';

/**
 * The Hono application, the same behind the Node HTTPS server and the Lambda handler:
 * request context → headers → audit → body limit → origin check → session → routes.
 * `recordAudit: false` is for the benchmark that prices the recorder, never for serving.
 */
export function createApp(runtime: Runtime, clientAddress: ClientAddress, options: { recordAudit?: boolean } = {}): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const logError = (error: unknown, requestId: string) => runtime.logger.error({ err: error, requestId }, 'unhandled error');

  app.onError((error, c) => errorResponse(error, c, logError));
  const notFoundPage = pageNotFound(runtime);
  // A browser asking for a page gets one; API clients get the contract's JSON.
  app.notFound((c) => (isApiPath(c.req.path) || !c.req.header('accept')?.includes('text/html') ? errorResponse(new GatehouseError('NOT_FOUND', 'No such route'), c, logError) : notFoundPage(c)));

  app.use(requestContext(clientAddress));
  app.use(async function logRequest(c, next) {
    const started = performance.now();
    await next();
    // Path only: query strings may carry values that do not belong in logs.
    runtime.logger.info({ requestId: c.var.requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.use(securityHeaders());
  app.use(noStore());
  // Only the benchmark turns the recorder off, to measure what it costs.
  app.use(options.recordAudit === false ? unrecorded(runtime) : auditRequest(runtime));
  app.use(shieldRequests(runtime));
  app.use(limitBody(runtime.config.bodyLimitBytes));
  app.use(originCheck(() => runtime.config.publicUrl));
  app.use(sessionCookie(runtime));

  app.route('/', homeRoutes());
  // The pages call the API through the app itself, so they pass every check the API makes.
  app.route('/', webRoutes(runtime, (request, env) => app.fetch(request, env)));
  app.route('/auth', authRoutes(runtime));
  app.route('/auth', mfaRoutes(runtime));
  app.route('/auth', sessionRoutes(runtime));
  app.route('/auth/token', tokenRoutes(runtime));
  app.route('/.well-known', wellKnownRoutes(runtime));
  app.use('/api/*', bearerToken(runtime));
  app.use('/api/*', requireCaller(runtime.hmacKey));
  app.route('/api/grades', gradeRoutes(runtime));
  app.route('/api/orders', orderRoutes(runtime));
  app.route('/audit', auditRoutes(runtime));
  app.route('/audit', auditIntegrityRoutes(runtime));
  app.route('/api/channels', channelRoutes(runtime));
  app.use('/admin/*', requireCaller(runtime.hmacKey), requireAdmin(runtime));
  app.route('/admin', adminRoutes(runtime));
  app.route('/admin', shieldRoutes(runtime));
  app.route('/admin', adminUserRoutes(runtime));
  app.route('/admin', policyRoutes(runtime));
  return app;
}

/** Bodies over `maxSize` get 413; requests without a body skip the check (and keep the server's fast path). */
function limitBody(maxSize: number): MiddlewareHandler<HttpEnv> {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      // The rest of the body is never read, so this connection cannot carry another request.
      throw new GatehouseError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxSize} bytes`, { headers: { Connection: 'close' } });
    },
  });
  return async function limitBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limit(c, next);
  };
}
