import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { HttpEnv } from '../http/HttpEnv.js';

const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Where `npm run build` puts the bundled scripts and the stylesheet (scripts/buildAssets.mjs). */
export function assetsDir(): string {
  // dist/web/assetRoutes.js and src/web/assetRoutes.ts both sit two levels under the package root.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  return path.join(root, 'dist/web/assets');
}

/**
 * Serves the built assets, read once at start: only files that exist there, by exact name,
 * so no path from the request ever reaches the file system.
 */
export function assetRoutes(dir = assetsDir()): Hono<HttpEnv> {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) {
      const type = types[path.extname(name)];
      if (type) files.set(name, { body: fs.readFileSync(path.join(dir, name)), type });
    }
  }
  const app = new Hono<HttpEnv>();
  app.get('/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.text('Not found', 404);
    return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=300' });
  });
  return app;
}
