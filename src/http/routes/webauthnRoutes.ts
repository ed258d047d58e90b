import { Hono } from 'hono';
import { z } from 'zod';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { finishRegistration } from '../../mfa/webauthn/finishRegistration.js';
import { startRegistration } from '../../mfa/webauthn/startRegistration.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { readJson } from '../readInput.js';
import { registrationResponse } from '../../mfa/webauthn/responseSchemas.js';

const registration = z.strictObject({ response: registrationResponse, label: z.string().trim().min(1).max(100).optional() });

// DESIGN.md (MFA): each enrolment needs a session signed in within the last 10 minutes.
const enrolmentWindowMs = 10 * 60_000;

/** Security keys and passkeys as a second factor: registration (`/auth/mfa/webauthn`). */
export function webauthnRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);

  const recentSession = (c: { var: HttpEnv['Variables'] }) => {
    const { user, session } = c.var.caller!;
    if (Date.parse(session.created_at) + enrolmentWindowMs <= runtime.clock()) {
      throw new GatehouseError('UNAUTHENTICATED', 'Sign in again (within the last 10 minutes) to add a security key');
    }
    return { user, session };
  };

  app.post('/register/options', event('WebAuthnRegisterOptions'), signedIn, async (c) => {
    const { user, session } = recentSession(c);
    return c.json(await startRegistration(runtime, { userId: user.id, email: user.email, binding: { session: session.id } }, c.var.transact));
  });

  app.post('/register/verify', event('WebAuthnRegister', 201), signedIn, async (c) => {
    const { user, session } = recentSession(c);
    const input = await readJson(c, registration);
    const registered = await finishRegistration(runtime, { userId: user.id, binding: { session: session.id }, response: input.response, label: input.label }, c.var.transact);
    return c.json({ factor: { ...registered, type: 'webauthn' } }, 201);
  });

  return app;
}
