import { randomUUID } from 'node:crypto';
import type { AuditEvent, UnchainedEvent, UserIdentity } from './AuditEvent.js';
import { redactWithin, text } from './redact.js';

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
  /** Request parameters and response elements over this many bytes of JSON are cut, with a marker (default 8192, GATEHOUSE_AUDIT_BODY_LIMIT_BYTES). */
  bodyLimitBytes?: number;
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
    userAgent: facts.userAgent ? text(facts.userAgent, 512) : null,
    requestParameters: facts.requestParameters ? redactWithin(facts.requestParameters, facts.bodyLimitBytes ?? 8192) : null,
    responseElements: readOnly || facts.errorCode ? null : redactWithin(facts.responseElements, facts.bodyLimitBytes ?? 8192),
    errorCode: facts.errorCode,
    requestId: facts.requestId,
    readOnly,
    additionalEventData: {
      httpMethod: facts.method,
      path: text(facts.path, 512),
      statusCode: facts.statusCode,
      ...(facts.authorization ? { authorization: facts.authorization } : {}),
      ...(facts.pentest ? { pentest: true as const } : {}),
    },
  };
}
