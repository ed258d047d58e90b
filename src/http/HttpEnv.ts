import type { Decision } from '../authz/index.js';
import type { SignedIn } from '../identity/sessions/resolveSession.js';
import type { Transact } from '../store/Transact.js';

/** How the caller proved who they are: the session cookie, or an access token of the session. */
export interface Caller extends SignedIn {
  via: 'cookie' | 'bearer';
}

/** A machine client calling with its access token: the Cedar principal `Client::"<name>"`. */
export interface ClientCaller {
  clientId: string;
  name: string;
}

/** The authorization decision of a request, for its audit event. */
export interface AuthorizationRecord extends Decision {
  action: string;
  resource: string;
}

/** Per-request values the middleware chain shares, typed for Hono. */
export interface HttpEnv {
  Variables: {
    requestId: string;
    sourceIp: string | null;
    caller?: Caller;
    /** Set instead of `caller` when a machine client calls /api with its access token. */
    client?: ClientCaller;
    /** Runs the request's writes and its audit event in one transaction. */
    transact: Transact;
    requestParameters?: Record<string, unknown>;
    authorization?: AuthorizationRecord;
    errorCode?: string;
    /** The request bears an open pen-test window's token (shield): limited, never blocked, flagged in its event. */
    pentest?: boolean;
    /** A page's refusal that repeats its API call's, which the shield has counted already. */
    refusalCounted?: boolean;
  };
}
