import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { isoAt, type Clock } from '../clock/clock.js';
import type { Store } from '../store/openDatabase.js';
import type { Transact } from '../store/Transact.js';
import { appendEvent } from './appendEvent.js';
import { redact } from './redact.js';

/**
 * A transaction for an administrator's command-line action that records it in the audit
 * chain, inside the same transaction, as an `Operator` event of `cli.gatehouse`.
 */
export function operatorTransact(db: Store, clock: Clock, eventName: string, requestParameters: Record<string, unknown>): Transact {
  return (work) =>
    db.transaction().execute(async (trx) => {
      const result = await work(trx);
      const operator = safeUserName();
      await appendEvent(trx, {
        eventId: randomUUID(),
        eventTime: isoAt(clock()),
        eventSource: 'cli.gatehouse',
        eventName,
        userIdentity: { type: 'Operator', principalId: operator ? `${operator}@${os.hostname()}` : os.hostname(), sessionId: null, mfaAuthenticated: false },
        sourceIPAddress: null,
        userAgent: `gatehouse-cli node/${process.version}`,
        requestParameters: redact(requestParameters),
        responseElements: redact(result),
        errorCode: null,
        requestId: randomUUID(),
        readOnly: false,
        additionalEventData: {},
      });
      return result;
    });
}

function safeUserName(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}
