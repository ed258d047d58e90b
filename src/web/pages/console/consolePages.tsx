import { Hono } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import type { PageDeps } from '../../PageDeps.js';
import { advisorPage } from './advisorPage.js';
import { auditPages } from './auditPages.js';
import { blockPages } from './blockPages.js';
import { overviewPage } from './overviewPage.js';
import { policyPages } from './policyPages.js';
import { userPages } from './userPages.js';

/** The admin console under `/console`: every page a client of /admin and /audit, which decide who sees what. */
export function consolePages(deps: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.route('/', overviewPage(deps));
  app.route('/', userPages(deps));
  app.route('/', policyPages(deps));
  app.route('/', auditPages(deps));
  app.route('/', blockPages(deps));
  app.route('/', advisorPage(deps));
  return app;
}
