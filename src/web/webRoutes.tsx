import { Hono, type Context } from 'hono';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { HttpEnv } from '../http/HttpEnv.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { ApiFetch } from './api/callApi.js';
import { assetRoutes } from './assetRoutes.js';
import { ErrorPage } from './layout/ErrorPage.js';
import { renderPage } from './layout/renderPage.js';
import { viewerOf } from './layout/viewerOf.js';
import type { PageDeps } from './PageDeps.js';
import { passwordResetPages } from './pages/access/passwordResetPages.js';
import { setupPages } from './pages/access/setupPages.js';
import { stepUpPages } from './pages/access/stepUpPages.js';
import { accountPages } from './pages/account/accountPages.js';
import { securityPages } from './pages/account/securityPages.js';
import { sessionsPages } from './pages/account/sessionsPages.js';
import { confirmPages } from './pages/auth/confirmPages.js';
import { signInPages } from './pages/auth/signInPages.js';
import { signOutAction } from './pages/auth/signOutAction.js';
import { signUpPages } from './pages/auth/signUpPages.js';
import { consolePages } from './pages/console/consolePages.js';
import { homePage } from './pages/home/homePage.js';
import { channelPages } from './pages/apps/channelPages.js';
import { gradePages } from './pages/apps/gradePages.js';
import { orderPages } from './pages/apps/orderPages.js';

/** The page for a path that is neither a page nor an API route. */
export function pageNotFound(runtime: Runtime) {
  return (c: Context<HttpEnv>) => renderPage(c, <ErrorPage status={404} message="There is no page here." viewer={viewerOf(c, runtime)} />, 404);
}

/**
 * The hosted pages: server-rendered, working without scripts where they can, calling the
 * JSON API in process (`api`) so that they pass the same checks and leave the same audit
 * events as any other client.
 */
export function webRoutes(runtime: Runtime, api: ApiFetch): Hono<HttpEnv> {
  // The pages' API calls carry the one forwarding header the shield reads, and no other.
  const deps: PageDeps = { runtime, api: Object.assign((request: Request, env: unknown) => api(request, env), { forwardedHeader: runtime.config.shield.forwardedHeader }) };
  const app = new Hono<HttpEnv>();
  app.onError(async (error, c) => {
    const known = error instanceof GatehouseError ? error : undefined;
    if (!known) runtime.logger.error({ err: error, requestId: c.get('requestId') }, 'page failed');
    const status = known?.status ?? 500;
    const message = known && status < 500 ? known.message : 'Something went wrong on our side; the request id says where.';
    return renderPage(c, <ErrorPage status={status} message={message} viewer={viewerOf(c, runtime)} />, status);
  });
  app.route('/assets', assetRoutes());
  // Pages show personal data: no cache keeps them (the assets above are public).
  app.use(async function pagesNotStored(c, next) {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.route('/', homePage(deps));
  app.route('/', signUpPages(deps));
  app.route('/', confirmPages(deps));
  app.route('/', signInPages(deps));
  app.route('/', signOutAction(deps));
  app.route('/', passwordResetPages(deps));
  app.route('/', setupPages(deps));
  app.route('/', stepUpPages(deps));
  app.route('/', accountPages(deps));
  app.route('/', securityPages(deps));
  app.route('/', sessionsPages(deps));
  app.route('/', gradePages(deps));
  app.route('/', orderPages(deps));
  app.route('/', channelPages(deps));
  app.route('/', consolePages(deps));
  return app;
}
