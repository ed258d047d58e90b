import { Hono } from 'hono';
import { z } from 'zod';
import { changePassword } from '../../identity/changePassword.js';
import { confirmSignUp } from '../../identity/confirmSignUp.js';
import { forgotPassword } from '../../identity/forgotPassword.js';
import { resetPassword } from '../../identity/resetPassword.js';
import { csrfTokenFor } from '../../identity/sessions/csrfToken.js';
import { signIn } from '../../identity/signIn.js';
import { signOut } from '../../identity/signOut.js';
import { signOutEverywhere } from '../../identity/signOutEverywhere.js';
import { signUp } from '../../identity/signUp.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { getCookie } from 'hono/cookie';
import { clearSessionCookie, SESSION_COOKIE } from '../middleware/sessionCookie.js';
import { readJson } from '../readInput.js';
import { signedInAnswer } from './signedInAnswer.js';

const email = z.string().trim().max(254).pipe(z.email());
// Long enough for any passphrase; the policy says why a password is refused.
const password = z.string().min(1).max(1024);
const code = z.string().trim().regex(/^\d{6,10}$/, 'must be the code we sent (digits)');

const credentials = z.strictObject({ email, password });
const confirmation = z.strictObject({ email, code });
const forgot = z.strictObject({ email });
const reset = z.strictObject({ email, code, password });
const change = z.strictObject({ currentPassword: password, password });

/** The identity routes of the contract: sign-up to sign-out, password reset and change. */
export function authRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);

  app.post('/sign-up', event('SignUp', 201), async (c) => {
    await signUp(runtime, await readJson(c, credentials), c.var.transact);
    return c.json({ status: 'CONFIRMATION_REQUIRED' }, 201);
  });

  app.post('/confirm', event('ConfirmSignUp'), async (c) => {
    const { passwordSet } = await confirmSignUp(runtime, await readJson(c, confirmation), c.var.transact);
    // passwordSet is false for a contested address: the owner chooses a password with forgot/reset.
    return c.json({ status: 'CONFIRMED', passwordSet });
  });

  app.post('/sign-in', event('SignIn'), async (c) => {
    const input = await readJson(c, credentials);
    // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): the session keeps the id the client brought.
    const adopted = runtime.weakened.has('sessionRotation') ? getCookie(c, SESSION_COOKIE) : undefined;
    const origin = { sourceIp: c.var.sourceIp, userAgent: c.req.header('user-agent') ?? null, ...(adopted && { adoptToken: adopted }) };
    const result = await signIn(runtime, { ...input, origin }, c.var.transact);
    // MFA_REQUIRED or MFA_SETUP_REQUIRED: no session yet, the token leads to the next step.
    if (result.status !== 'SIGNED_IN') return c.json(result);
    return signedInAnswer(c, runtime, result);
  });

  app.get('/session', event('GetSession'), signedIn, (c) => {
    const { user, groups, session, expiresAt } = c.var.caller!;
    return c.json({
      user: { id: user.id, email: user.email, groups },
      session: { id: session.id, mfa: session.mfa === 1, createdAt: session.created_at, expiresAt },
      csrfToken: csrfTokenFor(runtime.hmacKey, session.token_hash),
    });
  });

  app.post('/sign-out', event('SignOut', 204), signedIn, async (c) => {
    await signOut(runtime, c.var.caller!.session.id, c.var.transact);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.post('/sign-out/all', event('GlobalSignOut', 204), signedIn, async (c) => {
    await signOutEverywhere(runtime, c.var.caller!.user.id, c.var.transact);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.post('/password/forgot', event('ForgotPassword', 202), async (c) => {
    await forgotPassword(runtime, await readJson(c, forgot), c.var.transact);
    return c.json({ status: 'CODE_SENT_IF_REGISTERED' }, 202);
  });

  app.post('/password/reset', event('ResetPassword'), async (c) => {
    await resetPassword(runtime, await readJson(c, reset), c.var.transact);
    clearSessionCookie(c);
    return c.json({ status: 'PASSWORD_RESET' });
  });

  app.post('/password/change', event('ChangePassword'), signedIn, async (c) => {
    const input = await readJson(c, change);
    const { user, session } = c.var.caller!;
    await changePassword(runtime, { userId: user.id, sessionId: session.id, ...input }, c.var.transact);
    return c.json({ status: 'PASSWORD_CHANGED' });
  });

  return app;
}
