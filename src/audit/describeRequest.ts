import { randomUUID } from 'node:crypto';
import type { AuditEvent, UnchainedEvent, UserIdentity } from './AuditEvent.js';
import { redact } from './redact.js';

/** What the HTTP edge knows about a request when it records it. */
export interface RequestFacts {
  time: string;
  method: string;
  path: string;
  eventName: string;
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
  identity: UserIdentity;
  requestParameters: Record<string, unknown> | undefined;
  responseElements: unknown;
  statusCode: number;
  errorCode: string | null;
  authorization?: AuditEvent['additionalEventData']['authorization'];
  pentest?: boolean;
}

/** The area of the API a path belongs to, as CloudTrail's `eventSource` (`auth.gatehouse`, `api.gatehouse`…). */
export function eventSourceOf(path: string): string {
  const area = /^\/([a-z]+)/.exec(path)?.[1] ?? 'http';
  return `${area}.gatehouse`;
}

/** Builds the event for one request, with every secret redacted; reads record no response. */
export function describeRequest(facts: RequestFacts): UnchainedEvent {
  const readOnly = facts.method === 'GET' || facts.method === 'HEAD';
  return {
    eventId: randomUUID(),
    eventTime: facts.time,
    eventSource: eventSourceOf(facts.path),
    eventName: facts.eventName,
    userIdentity: facts.identity,
    sourceIPAddress: facts.sourceIp,
    userAgent: facts.userAgent ? facts.userAgent.slice(0, 512) : null,
    requestParameters: facts.requestParameters ? redact(facts.requestParameters) : null,
    responseElements: readOnly || facts.errorCode ? null : redact(facts.responseElements),
    errorCode: facts.errorCode,
    requestId: facts.requestId,
    readOnly,
    additionalEventData: {
      httpMethod: facts.method,
      path: facts.path.slice(0, 512),
      statusCode: facts.statusCode,
      ...(facts.authorization ? { authorization: facts.authorization } : {}),
      ...(facts.pentest ? { pentest: true as const } : {}),
    },
  };
}
