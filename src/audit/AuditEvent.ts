/** Who made a call, as CloudTrail's `userIdentity`. */
export interface UserIdentity {
  type: 'Anonymous' | 'User' | 'Client' | 'Operator';
  principalId: string | null;
  sessionId: string | null;
  mfaAuthenticated: boolean;
}

/** One recorded call, in the shape of DESIGN.md (Audit). `sequence`, `previousHash` and `hash` are set on append. */
export interface AuditEvent {
  eventId: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  userIdentity: UserIdentity;
  sourceIPAddress: string | null;
  userAgent: string | null;
  requestParameters: unknown;
  responseElements: unknown;
  errorCode: string | null;
  requestId: string;
  readOnly: boolean;
  /** What else decided the call: the HTTP status and, when asked, the authorization decision. */
  additionalEventData: {
    httpMethod?: string;
    path?: string;
    statusCode?: number;
    authorization?: { decision: 'ALLOW' | 'DENY'; action: string; resource: string; policies: string[] };
    /** Present (true) only on requests made inside an administrator's pen-test window. */
    pentest?: true;
  };
  sequence: number;
  previousHash: string;
  hash: string;
}

/** An event before it joins the chain. */
export type UnchainedEvent = Omit<AuditEvent, 'sequence' | 'previousHash' | 'hash'>;
