import type { Context } from 'hono';
import { csrfTokenFor } from '../../identity/sessions/csrfToken.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { SessionRow } from '../../store/schema.js';
import type { HttpEnv } from '../HttpEnv.js';
import { setSessionCookie } from '../middleware/sessionCookie.js';

/** Sets the session cookie and answers `{status:"SIGNED_IN", user, csrfToken}` (plus `extra`), as every way in does. */
export function signedInAnswer(
  c: Context<HttpEnv>,
  runtime: Runtime,
  result: { token: string; session: SessionRow; user: { id: string; email: string }; groups: string[] },
  extra: Record<string, unknown> = {},
) {
  setSessionCookie(c, result.token, runtime.config.sessionMaxMs);
  return c.json({
    status: 'SIGNED_IN',
    user: { id: result.user.id, email: result.user.email, groups: result.groups },
    csrfToken: csrfTokenFor(runtime.hmacKey, result.session.token_hash),
    ...extra,
  });
}
