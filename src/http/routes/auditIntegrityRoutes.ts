import { Hono } from 'hono';
import { checkIntegrity } from '../../audit/checkIntegrity.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { authorizeCaller } from '../authorizeCaller.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';

/** `GET /audit/integrity`: the verifier of `gatehouse audit verify` over the stored trail, for auditors and root. */
export function auditIntegrityRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/integrity', event('GetAuditIntegrity'), requireCaller(runtime.hmacKey), async (c) =>
    c.json(await checkIntegrity(runtime.db, runtime.clock, authorizeCaller(c, runtime.authorizer))),
  );
  return app;
}
