import type { Context, MiddlewareHandler } from 'hono';
import { appendEvent } from '../../audit/appendEvent.js';
import type { UserIdentity } from '../../audit/AuditEvent.js';
import { describeRequest } from '../../audit/describeRequest.js';
import { groupAppend } from '../../audit/groupAppend.js';
import { isoAt } from '../../clock/clock.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { plainTransact, type Transact } from '../../store/Transact.js';
import type { HttpEnv } from '../HttpEnv.js';
import { isApiPath } from '../requestKinds.js';
import { eventOf } from './event.js';

function identityOf(c: Context<HttpEnv>, result: unknown): UserIdentity {
  // A call that signed someone in (or confirmed, or reset) is recorded as that user's, even
  // from a browser that holds another user's cookie (Transact's contract).
  const acting = result as { principalId?: unknown; sessionId?: unknown } | null | undefined;
  if (acting && typeof acting.principalId === 'string') {
    return { type: 'User', principalId: acting.principalId, sessionId: typeof acting.sessionId === 'string' ? acting.sessionId : null, mfaAuthenticated: false };
  }
  const caller = c.get('caller');
  if (caller) return { type: 'User', principalId: caller.user.id, sessionId: caller.session.id, mfaAuthenticated: caller.session.mfa === 1 };
  const client = c.get('client');
  if (client) return { type: 'Client', principalId: client.clientId, sessionId: null, mfaAuthenticated: false };
  return { type: 'Anonymous', principalId: null, sessionId: null, mfaAuthenticated: false };
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
 * refusal, is recorded after the response is known, before it is sent, in a transaction it
 * may share with other requests' events (group commit).
 */
export function auditRequest(runtime: Runtime): MiddlewareHandler<HttpEnv> {
  const plain = plainTransact(runtime.db);
  const appendCommitted = groupAppend(runtime.db, (sequence) => runtime.auditDigests.appended(sequence));
  return async function auditRequest(c, next) {
    if (!isApiPath(c.req.path)) {
      c.set('transact', plain);
      await next();
      return;
    }
    const startedAt = isoAt(runtime.clock());
    const named = eventOf(c);
    let inTransaction = false;
    let recorded = false;

    const eventFor = (statusCode: number, errorCode: string | null, result: unknown) =>
      describeRequest({
        time: startedAt,
        method: c.req.method,
        path: c.req.path,
        eventName: named?.name ?? 'UnknownOperation',
        requestId: c.get('requestId'),
        sourceIp: c.get('sourceIp'),
        userAgent: c.req.header('user-agent') ?? null,
        identity: identityOf(c, result),
        requestParameters: c.get('requestParameters'),
        responseElements: result,
        statusCode,
        errorCode,
        authorization: authorizationOf(c),
        bodyLimitBytes: runtime.config.auditBodyLimitBytes,
        pentest: c.get('pentest'),
      });

    const transact: Transact = async (work) => {
      if (inTransaction) throw new GatehouseError('INTERNAL_ERROR', 'a request writes in one transaction');
      inTransaction = true;
      let sequence = 0;
      const result = await runtime.db.transaction().execute(async (trx) => {
        const value = await work(trx);
        sequence = (await appendEvent(trx, eventFor(named?.successStatus ?? 200, null, value))).sequence;
        return value;
      });
      // Only a committed event counts: if the commit failed, the refusal is recorded below.
      recorded = true;
      runtime.auditDigests.appended(sequence);
      return result;
    };
    c.set('transact', transact);

    await next();
    const failed = c.res.status >= 400;
    // A request that failed after its write committed gets a second event, so the trail
    // never shows as a success what the caller saw fail.
    if (!recorded || failed) {
      const errorCode = c.get('errorCode') ?? (failed ? `HTTP_${c.res.status}` : null);
      await appendCommitted(eventFor(c.res.status, errorCode, null));
    }
  };
}

/** The chain without its recorder: plain transactions and no events. Only `bench/auditRecorder.ts` uses it, as its baseline. */
export function unrecorded(runtime: Runtime): MiddlewareHandler<HttpEnv> {
  const plain = plainTransact(runtime.db);
  return async function unrecorded(c, next) {
    c.set('transact', plain);
    await next();
  };
}
