import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { CedarEntity } from '../../authz/index.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { liftClientBlock } from '../../shield/blocks/liftClientBlock.js';
import { liftTarget } from '../../shield/blocks/liftTarget.js';
import { listClientBlocks } from '../../shield/blocks/listClientBlocks.js';
import { openPentestWindow } from '../../shield/pentest/openPentestWindow.js';
import { authorizeCaller } from '../authorizeCaller.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { readJson, readParams } from '../readInput.js';

const address = z.object({ ip: liftTarget });
// A window is for a test run, not a standing exemption: a day at most.
const window = z.strictObject({ minutes: z.number().int().min(1).max(1440) });
const shieldEntity: CedarEntity = { uid: { type: 'Shield', id: 'shield' }, attrs: {}, parents: [] };

/** Administration of the shield, under /admin: blocks of abusive clients, pen-test windows. */
export function shieldRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);
  const allowed = (action: string) =>
    async function authorizeShield(c: Context<HttpEnv>, next: () => Promise<void>) {
      if (!authorizeCaller(c, runtime.authorizer)(action, shieldEntity)) throw new GatehouseError('ACCESS_DENIED', 'Administrators only');
      await next();
    };

  app.get('/shield/blocks', event('ListClientBlocks'), signedIn, allowed('ListClientBlocks'), async (c) => c.json({ blocks: await listClientBlocks(runtime) }));

  app.delete('/shield/blocks/:ip', event('LiftClientBlock'), signedIn, allowed('LiftClientBlock'), async (c) => {
    const { ip } = readParams(c, address);
    return c.json(await liftClientBlock(runtime, ip, c.var.transact));
  });

  app.post('/pentest-windows', event('OpenPentestWindow', 201), signedIn, allowed('OpenPentestWindow'), async (c) => {
    const { minutes } = await readJson(c, window);
    const opened = await openPentestWindow(runtime, { minutes, openedBy: c.var.caller!.user.email }, c.var.transact);
    return c.json(opened, 201);
  });

  return app;
}
