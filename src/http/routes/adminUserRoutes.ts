import { Hono } from 'hono';
import { z } from 'zod';
import { disableUser } from '../../identity/admin/disableUser.js';
import { enableUser } from '../../identity/admin/enableUser.js';
import { endUserSessions } from '../../identity/admin/endUserSessions.js';
import { managedUser } from '../../identity/admin/managedUser.js';
import { setMembership } from '../../identity/admin/setMembership.js';
import { listGroupNames } from '../../store/repositories/groups.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { authorizeCaller } from '../authorizeCaller.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { readParams } from '../readInput.js';

const userParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a user id') });
const membershipParams = userParams.extend({ group: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a group name') });

/**
 * Accounts under /admin (behind `requireCaller` and `requireAdmin`): one user, the groups, and
 * what administrators do to an account (disable, enable, sign out everywhere, groups), each
 * authorized by the Cedar policies against the account acted on.
 */
export function adminUserRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const authorize = (c: Parameters<typeof authorizeCaller>[0]) => authorizeCaller(c, runtime.authorizer);

  app.get('/users/:id', event('AdminGetUser'), async (c) => {
    const { id } = readParams(c, userParams);
    return c.json((await managedUser(runtime, id)).view);
  });

  app.get('/groups', event('AdminListGroups'), async (c) => c.json({ groups: await listGroupNames(runtime.db) }));

  app.post('/users/:id/disable', event('DisableUser'), async (c) => {
    const { id } = readParams(c, userParams);
    return c.json(await disableUser(runtime, authorize(c), { actorId: c.var.caller!.user.id, userId: id }, c.var.transact));
  });

  app.post('/users/:id/enable', event('EnableUser'), async (c) => {
    const { id } = readParams(c, userParams);
    return c.json(await enableUser(runtime, authorize(c), { userId: id }, c.var.transact));
  });

  app.post('/users/:id/sign-out', event('EndUserSessions'), async (c) => {
    const { id } = readParams(c, userParams);
    return c.json(await endUserSessions(runtime, authorize(c), { userId: id }, c.var.transact));
  });

  app.put('/users/:id/groups/:group', event('AddUserToGroup'), async (c) => {
    const { id, group } = readParams(c, membershipParams);
    return c.json(await setMembership(runtime, authorize(c), { actorId: c.var.caller!.user.id, userId: id, group, member: true }, c.var.transact));
  });

  app.delete('/users/:id/groups/:group', event('RemoveUserFromGroup'), async (c) => {
    const { id, group } = readParams(c, membershipParams);
    return c.json(await setMembership(runtime, authorize(c), { actorId: c.var.caller!.user.id, userId: id, group, member: false }, c.var.transact));
  });

  return app;
}
