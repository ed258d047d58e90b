import type { Context } from 'hono';
import type { HttpEnv } from '../../http/HttpEnv.js';
import { csrfTokenFor } from '../../identity/sessions/csrfToken.js';
import type { Runtime } from '../../runtime/Runtime.js';

/** The signed-in person a page is drawn for: what the navigation and forms need. */
export interface Viewer {
  id: string;
  email: string;
  groups: string[];
  /** Goes in every form's hidden `csrf` field and the `csrf-token` meta tag. */
  csrfToken: string;
  /** Admins, auditors and root see the console. */
  console: boolean;
}

/** The viewer behind the session cookie (resolved by the app's session middleware), if any. */
export function viewerOf(c: Context<HttpEnv>, runtime: Runtime): Viewer | undefined {
  const caller = c.get('caller');
  if (!caller || caller.via !== 'cookie') return undefined;
  return {
    id: caller.user.id,
    email: caller.user.email,
    groups: caller.groups,
    csrfToken: csrfTokenFor(runtime.hmacKey, caller.session.token_hash),
    console: caller.groups.some((group) => group === 'admins' || group === 'auditors' || group === 'root'),
  };
}
