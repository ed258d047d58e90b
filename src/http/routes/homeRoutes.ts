import { Hono } from 'hono';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';

/** A plain landing page and a health check; the hosted pages come with the web issue. */
export function homeRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/', (c) =>
    c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Gatehouse</title></head>` +
        `<body><main><h1>Gatehouse</h1><p>The security layer is running at ${escapeHtml(runtime.config.publicUrl)}.</p>` +
        `<p>APIs: <code>/auth</code>, <code>/api/grades</code>, <code>/api/orders</code>. See the README for a tour.</p></main></body></html>`,
    ),
  );
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
