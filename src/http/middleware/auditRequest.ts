import type { Context, MiddlewareHandler } from 'hono';
import { appendEvent } from '../../audit/appendEvent.js';
import type { UserIdentity } from '../../audit/AuditEvent.js';
import { describeRequest } from '../../audit/describeRequest.js';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { plainTransact, type Transact } from '../../store/Transact.js';
import type { HttpEnv } from '../HttpEnv.js';

const auditedPath = /^\/(auth|api|admin|audit)(\/|$)/;

function identityOf(c: Context<HttpEnv>, result: unknown): UserIdentity {
  const caller = c.get('caller');
  if (!caller) {
    // An anonymous call that signed someone in is recorded as that user's (Transact's contract).
    const signedIn = result as { principalId?: unknown; sessionId?: unknown } | null | undefined;
    if (signedIn && typeof signedIn.principalId === 'string') {
      return { type: 'User', principalId: signedIn.principalId, sessionId: typeof signedIn.sessionId === 'string' ? signedIn.sessionId : null, mfaAuthenticated: false };
    }
    return { type: 'Anonymous', principalId: null, sessionId: null, mfaAuthenticated: false };
  }
  return { type: 'User', principalId: caller.user.id, sessionId: caller.session.id, mfaAuthenticated: caller.session.mfa === 1 };
}

function authorizationOf(c: Context<HttpEnv>) {
  const record = c.get('authorization');
  if (!record) return undefined;
  return { decision: record.allowed ? ('ALLOW' as const) : ('DENY' as const), action: record.action, resource: record.resource, policies: record.policies };
}

/**
 * Records one audit event for every request to /auth, /api, /admin and /audit.
 * A request that writes records its event inside its own transaction (`c.var.transact`),
 * so the write and the event commit or roll back together; any other request, and every
 * refusal, is recorded after the response is known.
 */
export function auditRequest(runtime: Runtime): MiddlewareHandler<HttpEnv> {
  return async function auditRequest(c, next) {
    if (!auditedPath.test(c.req.path)) {
      c.set('transact', plainTransact(runtime.db));
      await next();
      return;
    }
    const startedAt = isoAt(runtime.clock());
    let recorded = false;

    const facts = (statusCode: number, errorCode: string | null, responseElements: unknown) =>
      describeRequest({
        time: startedAt,
        method: c.req.method,
        path: c.req.path,
        eventName: c.get('eventName') ?? 'UnknownOperation',
        requestId: c.get('requestId'),
        sourceIp: c.get('sourceIp'),
        userAgent: c.req.header('user-agent') ?? null,
        identity: identityOf(c, responseElements),
        requestParameters: c.get('requestParameters'),
        responseElements,
        statusCode,
        errorCode,
        authorization: authorizationOf(c),
      });

    const transact: Transact = (work) => {
      if (recorded) throw new GatehouseError('INTERNAL_ERROR', 'a request writes in one transaction');
      return runtime.db.transaction().execute(async (trx) => {
        const result = await work(trx);
        await appendEvent(trx, facts(c.get('successStatus') ?? 200, null, result));
        recorded = true;
        return result;
      });
    };
    c.set('transact', transact);

    await next();
    if (!recorded) {
      const errorCode = c.get('errorCode') ?? (c.res.status >= 400 ? 'HTTP_' + c.res.status : null);
      await runtime.db.transaction().execute((trx) => appendEvent(trx, facts(c.res.status, errorCode, null)));
    }
  };
}
