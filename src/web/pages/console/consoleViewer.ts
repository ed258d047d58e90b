import type { Context } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import type { Runtime } from '../../../runtime/Runtime.js';
import { viewerOf, type Viewer } from '../../layout/viewerOf.js';

/**
 * The signed-in viewer of a console page, or the redirect to sign in first (coming back here).
 * Whether they may see anything is the API's decision, never this page's.
 */
export function consoleViewer(c: Context<HttpEnv>, runtime: Runtime): Viewer | Response {
  const viewer = viewerOf(c, runtime);
  if (viewer) return viewer;
  return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
}
