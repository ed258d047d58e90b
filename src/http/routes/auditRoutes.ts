import { Hono } from 'hono';
import { z } from 'zod';
import { listPublicKeys } from '../../audit/listPublicKeys.js';
import { lookupEvents } from '../../audit/lookupEvents.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { authorizeCaller } from '../authorizeCaller.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { readQuery } from '../readInput.js';

const time = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
const lookupQuery = z.strictObject({
  principalId: z.string().min(1).max(128).optional(),
  eventName: z.string().regex(/^[A-Za-z]{1,64}$/, 'must be an event name').optional(),
  errorCode: z.string().regex(/^[A-Z0-9_]{1,64}$/, 'must be an error code').optional(),
  from: time.optional(),
  to: time.optional(),
  cursor: z.string().regex(/^[1-9]\d{0,14}$/, 'must be a cursor from a previous page').transform(Number).optional(),
  limit: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().min(1).max(100)).optional(),
});

/** `/audit`: the trail for auditors (`GET /audit/events`) and the keys that verify it (`GET /audit/public-keys`). */
export function auditRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/events', event('LookupAuditEvents'), requireCaller(runtime.hmacKey), async (c) => {
    const { limit, ...filter } = readQuery(c, lookupQuery);
    return c.json(await lookupEvents(runtime.db, authorizeCaller(c, runtime.authorizer), filter, limit ?? 50));
  });

  // Public on purpose: verifying an export offline needs exactly these, and they reveal nothing.
  app.get('/public-keys', event('ListAuditPublicKeys'), async (c) => c.json({ keys: await listPublicKeys(runtime.db) }));

  return app;
}
