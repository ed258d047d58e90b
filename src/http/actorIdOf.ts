import type { Context } from 'hono';
import type { HttpEnv } from './HttpEnv.js';

/** Whom a write records as its author: the user's id, or `client:<clientId>` for a machine client. */
export function actorIdOf(c: Context<HttpEnv>): string {
  const caller = c.get('caller');
  return caller ? caller.user.id : `client:${c.get('client')!.clientId}`;
}
