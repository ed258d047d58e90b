import { Hono } from 'hono';
import { z } from 'zod';
import { listUsers } from '../../identity/admin/listUsers.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { readQuery } from '../readInput.js';

const usersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().max(320).optional(),
  // Part of an e-mail address: the console's search box.
  query: z.string().min(1).max(320).optional(),
});

/** Administration over HTTP; mounted behind `requireCaller` and `requireAdmin` on `/admin/*`. */
export function adminRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/users', event('AdminListUsers'), async (c) => c.json(await listUsers(runtime, readQuery(c, usersQuery))));

  return app;
}
