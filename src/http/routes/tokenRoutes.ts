import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { appendEvent } from '../../audit/appendEvent.js';
import { describeRequest } from '../../audit/describeRequest.js';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import type { Transact } from '../../store/Transact.js';
import { issueClientToken } from '../../tokens/issueClientToken.js';
import { issueSessionTokens } from '../../tokens/issueSessionTokens.js';
import { redeemRefreshToken } from '../../tokens/redeemRefreshToken.js';
import type { HttpEnv } from '../HttpEnv.js';
import { event } from '../middleware/event.js';
import { requireCaller } from '../middleware/requireCaller.js';
import { readForm, readJson } from '../readInput.js';

// What we issue: 43 base64url characters (refresh tokens, client secrets), `gh_` ids.
const opaque = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a token we issued');
const clientId = z.string().regex(/^gh_[A-Za-z0-9_-]{16}$/, 'must be a client id we issued');
const tokenRequest = z.union([
  // The cookie session's own grant: no grant_type, the cookie and X-CSRF-Token prove it.
  z.strictObject({}),
  z.strictObject({ grant_type: z.literal('refresh_token'), refresh_token: opaque }),
  z.strictObject({ grant_type: z.literal('client_credentials'), client_id: clientId.optional(), client_secret: opaque.optional() }),
]);

/**
 * `POST /auth/token`: the cookie session → access, ID and refresh token; `refresh_token`
 * rotates; `client_credentials` (in the body or HTTP Basic) for machine clients.
 */
export function tokenRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const signedIn = requireCaller(runtime.hmacKey);

  app.post('/', event('IssueTokens'), async (c) => {
    // A bare POST from the web app may come without a body.
    const type = c.req.header('content-type');
    const bodiless = type === undefined && (c.req.header('content-length') ?? '0') === '0';
    // JSON as the contract says, or the form encoding that OAuth client libraries send.
    const input = bodiless ? {} : /^application\/x-www-form-urlencoded\b/i.test(type ?? '') ? await readForm(c, tokenRequest) : await readJson(c, tokenRequest);
    if (!('grant_type' in input)) {
      await signedIn(c, async () => {});
      return c.json(await issueSessionTokens(runtime, c.var.caller!, c.var.transact));
    }
    if (input.grant_type === 'refresh_token') {
      return c.json(await redeemRefreshToken(runtime, input.refresh_token, c.var.transact, reuseRecorder(runtime, c)));
    }
    const credentials = clientCredentials(c, input);
    const { client, tokens } = await issueClientToken(runtime, credentials);
    c.set('client', { clientId: client.clientId, name: client.name });
    return c.json(tokens);
  });

  return app;
}

/** RFC 6749 §2.3.1: the secret in the body or in HTTP Basic, never both. */
function clientCredentials(c: Context<HttpEnv>, body: { client_id?: string; client_secret?: string }): { clientId: string; clientSecret: string } {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    if (body.client_id !== undefined || body.client_secret !== undefined) throw new GatehouseError('VALIDATION_ERROR', 'Give the client credentials once: in the body or in Authorization, not both');
    const basic = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header);
    const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const id = clientId.safeParse(safeDecode(decoded.slice(0, colon)));
    const secret = opaque.safeParse(safeDecode(decoded.slice(colon + 1)));
    if (colon < 0 || !id.success || !secret.success) throw new GatehouseError('INVALID_CREDENTIALS', 'Unknown client or wrong secret', { headers: { 'WWW-Authenticate': 'Basic realm="gatehouse"' } });
    return { clientId: id.data, clientSecret: secret.data };
  }
  if (body.client_id === undefined || body.client_secret === undefined) throw new GatehouseError('INVALID_CREDENTIALS', 'Give client_id and client_secret', { headers: { 'WWW-Authenticate': 'Basic realm="gatehouse"' } });
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

// The id and secret are form-encoded before Basic encoding (RFC 6749 §2.3.1).
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return '';
  }
}

/**
 * The transaction that ends a refresh family on reuse: the revocation and a
 * `RefreshTokenReuse` event commit together, apart from the request's own (refused) event.
 */
function reuseRecorder(runtime: Runtime, c: Context<HttpEnv>): Transact {
  return (work) =>
    runtime.db.transaction().execute(async (trx) => {
      const ended = await work(trx);
      const { principalId, sessionId, refreshFamily } = ended as { principalId?: string; sessionId?: string; refreshFamily?: string };
      await appendEvent(
        trx,
        describeRequest({
          time: isoAt(runtime.clock()),
          method: c.req.method,
          path: c.req.path,
          eventName: 'RefreshTokenReuse',
          requestId: c.var.requestId,
          sourceIp: c.var.sourceIp,
          userAgent: c.req.header('user-agent') ?? null,
          identity: { type: 'User', principalId: principalId ?? null, sessionId: sessionId ?? null, mfaAuthenticated: false },
          requestParameters: { grant_type: 'refresh_token', refreshFamily, familyRevoked: true, sessionEnded: sessionId },
          responseElements: null,
          statusCode: 401,
          errorCode: 'REFRESH_TOKEN_REUSE',
        }),
      );
      return ended;
    });
}
