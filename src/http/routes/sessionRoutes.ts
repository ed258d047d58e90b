import { Hono } from 'hono';
import { z } from 'zod';
import { endSession } from '../../identity/sessions/endSession.js';
import { listSessions } from '../../identity/sessions/listSessions.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { clearSessionCookie } from '../middleware/sessionCookie.js';
import { readParams } from '../readInput.js';

const sessionParam = z.object({ id: z.uuid('must be a session id') });

/** The caller's own sessions: list them, and end one (the "Sign out" beside each on the account page). */
export function sessionRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);

  app.get('/sessions', event('ListSessions'), signedIn, async (c) => {
    const { user, session } = c.var.caller!;
    return c.json({ sessions: await listSessions(runtime, user, session.id) });
  });

  app.delete('/sessions/:id', event('EndSession', 204), signedIn, async (c) => {
    const { id } = readParams(c, sessionParam);
    const { user, session } = c.var.caller!;
    await endSession(runtime, user.id, id, c.var.transact);
    // Ending the session this request came with is signing out: the browser forgets the cookie too.
    if (id === session.id) clearSessionCookie(c);
    return c.body(null, 204);
  });

  return app;
}
