import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { CedarEntity } from '../../authz/index.js';
import { checkPolicyEdit } from '../../authz/checkPolicyEdit.js';
import { readPolicySources } from '../../authz/readPolicySources.js';
import { rootKeepsPolicies } from '../../authz/rootKeepsPolicies.js';
import { savePolicyFile } from '../../authz/savePolicyFile.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { authorizeCaller } from '../authorizeCaller.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { readJson, readParams } from '../readInput.js';

const policyStore: CedarEntity = { uid: { type: 'PolicyStore', id: 'policies' }, attrs: {}, parents: [] };
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.cedar$/, 'must be a policy file name (name.cedar)');
// A policy file is a page or two of text; the bound keeps a request's work small.
const policyText = z.string().max(65_536, 'must be at most 65536 characters');
const validateBody = z.strictObject({ file: fileName, policies: policyText });
const saveBody = z.strictObject({ policies: policyText });

/**
 * The Cedar policies under /admin (behind `requireCaller` and `requireAdmin`): read them, check
 * an edit without saving it, and save one that validates, which this instance then enforces at
 * once (other instances when they restart).
 */
export function policyRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const allowed = (action: string) =>
    async function authorizePolicies(c: Context<HttpEnv>, next: () => Promise<void>) {
      if (!authorizeCaller(c, runtime.authorizer)(action, policyStore)) throw new GatehouseError('ACCESS_DENIED', 'The policies do not let you do this');
      await next();
    };

  app.get('/policies', event('ViewPolicies'), allowed('ViewPolicies'), async (c) => c.json(await readPolicySources(runtime.config.policiesDir)));

  app.post('/policies/validate', event('ValidatePolicies'), allowed('ValidatePolicies'), async (c) => {
    const { file, policies } = await readJson(c, validateBody);
    const { valid, errors } = await checkPolicyEdit(runtime.config.policiesDir, file, policies);
    return c.json({ valid, errors });
  });

  app.put('/policies/:file', event('SavePolicies'), allowed('SavePolicies'), async (c) => {
    const { file } = readParams(c, z.strictObject({ file: fileName }));
    const { policies } = await readJson(c, saveBody);
    const decided = c.get('authorization');
    const saved = await savePolicyFile(runtime.config.policiesDir, file, policies, (next) => {
      if (!rootKeepsPolicies(next)) return false;
      try {
        return authorizeCaller(c, next)('SavePolicies', policyStore);
      } catch {
        return false;
      }
    });
    // The event records the decision that let this save happen, not the trial under the new set.
    c.set('authorization', decided);
    runtime.authorizer = saved.authorizer;
    return c.json({ file, saved: true, policyIds: saved.policyIds });
  });

  return app;
}
