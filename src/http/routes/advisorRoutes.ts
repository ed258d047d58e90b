import { Hono, type Context } from 'hono';
import type { CedarEntity } from '../../authz/index.js';
import { createAdvisorContext } from '../../advisor/createAdvisorContext.js';
import { runAdvisor } from '../../advisor/runAdvisor.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { authorizeCaller } from '../authorizeCaller.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';

const advisorEntity: CedarEntity = { uid: { type: 'Advisor', id: 'advisor' }, attrs: {}, parents: [] };

/** The security advisor over HTTP, under /admin: the report the console shows. */
export function advisorRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);
  async function authorizeAdvisor(c: Context<HttpEnv>, next: () => Promise<void>) {
    if (!authorizeCaller(c, runtime.authorizer)('RunAdvisor', advisorEntity)) throw new GatehouseError('ACCESS_DENIED', 'Administrators only');
    await next();
  }

  // No URL from the request: the server probes only its own public URL, never where a caller points it.
  app.get('/advisor', event('RunAdvisor'), signedIn, authorizeAdvisor, async (c) => c.json(await runAdvisor(createAdvisorContext(runtime))));

  return app;
}
