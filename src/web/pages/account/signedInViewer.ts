import type { Context } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import type { Runtime } from '../../../runtime/Runtime.js';
import { viewerOf, type Viewer } from '../../layout/viewerOf.js';

/**
 * The viewer of an account page, or the redirect to sign in first (and come back to `path`).
 * Only for drawing and routing: every change still goes through the API's own checks.
 */
export function signedInViewer(c: Context<HttpEnv>, runtime: Runtime, path: string): Viewer | Response {
  const viewer = viewerOf(c, runtime);
  return viewer ?? c.redirect(`/sign-in?next=${encodeURIComponent(path)}`, 303);
}
