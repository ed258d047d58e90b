import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { CedarEntity } from '../../authz/index.js';
import { advisorReportCache } from '../../advisor/advisorReportCache.js';
import { createAdvisorContext } from '../../advisor/createAdvisorContext.js';
import { runAdvisor } from '../../advisor/runAdvisor.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { authorizeCaller } from '../authorizeCaller.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { readQuery } from '../readInput.js';

const advisorEntity: CedarEntity = { uid: { type: 'Advisor', id: 'advisor' }, attrs: {}, parents: [] };

// `fresh=1`: run the checks now rather than answer the report of the last five minutes. Not
// strict: other parameters were ignored before `fresh` existed (a cache-buster), and still are.
const advisorQuery = z.object({ fresh: z.literal('1').optional() });

/** The security advisor over HTTP, under /admin: the report the console shows. */
export function advisorRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);
  async function authorizeAdvisor(c: Context<HttpEnv>, next: () => Promise<void>) {
    if (!authorizeCaller(c, runtime.authorizer)('RunAdvisor', advisorEntity)) throw new GatehouseError('ACCESS_DENIED', 'Administrators only');
    await next();
  }

  // No URL from the request: the server probes only its own public URL, never where a caller points it.
  // One report per process for a few minutes: npm audit and the probes take seconds (API Gateway
  // gives a Lambda function 29 s), and one run serves every administrator asking meanwhile.
  const reports = advisorReportCache(() => runAdvisor(createAdvisorContext(runtime)), runtime.clock);
  app.get('/advisor', event('RunAdvisor'), signedIn, authorizeAdvisor, async (c) => c.json(await reports.report(readQuery(c, advisorQuery).fresh === '1')));

  return app;
}
