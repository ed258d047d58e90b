import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { resolveSession } from '../../identity/sessions/resolveSession.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { HttpEnv } from '../HttpEnv.js';

/** DESIGN.md: the session cookie's name; `__Host-` makes browsers insist on Secure, Path=/ and no Domain. */
export const SESSION_COOKIE = '__Host-gatehouse';

/** Resolves the session cookie, when present and live, into `c.var.caller`. */
export function sessionCookie(runtime: Runtime): MiddlewareHandler<HttpEnv> {
  return async function sessionCookie(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    // A well-formed token is 43 base64url characters; anything else is not worth a lookup.
    if (token && /^[A-Za-z0-9_-]{43}$/.test(token)) {
      const signedIn = await resolveSession(runtime, token);
      if (signedIn) c.set('caller', { ...signedIn, via: 'cookie' });
    }
    await next();
  };
}

/** Sets the session cookie: HttpOnly, Secure, SameSite=Lax, Path=/, for the session's lifetime. */
export function setSessionCookie(c: Context<HttpEnv>, token: string, maxAgeMs: number): void {
  // `weakened`: a test instance whose cookie scripts can read (RuntimeOptions.unsafeWeakenForTests).
  setCookie(c, SESSION_COOKIE, token, { httpOnly: !c.var.weakened?.has('cookieFlags'), secure: true, sameSite: 'Lax', path: '/', maxAge: Math.floor(maxAgeMs / 1000) });
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: Context<HttpEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
}
