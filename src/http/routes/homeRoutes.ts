import { Hono } from 'hono';
import type { HttpEnv } from '../HttpEnv.js';

/** The health check; the start page is one of the hosted pages (src/web). */
export function homeRoutes(): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return app;
}
