import type { Context } from 'hono';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { HttpEnv } from './HttpEnv.js';

/**
 * The one place where errors become the contract's JSON: `{ error: { code, message } }`.
 * Anything that is not a GatehouseError is a bug: it is logged and answered as a bare 500,
 * never with its stack or message.
 */
export function errorResponse(error: unknown, c: Context<HttpEnv>, log: (error: unknown, requestId: string) => void): Response {
  const known =
    error instanceof GatehouseError ? error : new GatehouseError('INTERNAL_ERROR', 'Something went wrong on our side; the request id says where');
  if (!(error instanceof GatehouseError)) log(error, c.get('requestId'));
  c.set('errorCode', known.code);
  const body: { error: { code: string; message: string; details?: unknown } } = { error: { code: known.code, message: known.message } };
  if (known.details !== undefined && known.status < 500) body.error.details = known.details;
  // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): the verbose error the pen test must catch.
  if (c.get('weakened')?.has('errorDetail')) Object.assign(body.error, { stack: error instanceof Error ? error.stack : String(error) });
  return c.json(body, known.status as 400, known.headers);
}
