/** A Cedar entity reference, e.g. `{ type: 'User', id: 'u_123' }` for `User::"u_123"`. */
export interface EntityUid {
  type: string;
  id: string;
}

/**
 * One entity in Cedar's JSON entity format; an attribute that points at another entity is
 * written `{ __entity: { type, id } }`.
 */
export interface CedarEntity {
  uid: EntityUid;
  attrs: Record<string, unknown>;
  parents: EntityUid[];
}

/** What is asked: may `principal` perform `action` on `resource`, given these entities and context. */
export interface AuthorizationRequest {
  principal: EntityUid;
  /** The bare action id: `'CreateGrade'` stands for `Action::"CreateGrade"`. */
  action: string;
  resource: EntityUid;
  /** Must match the action's context in the schema (`{ mfa: boolean }`); when omitted, the request is denied. */
  context?: Record<string, unknown>;
  /** The principal, its groups, the resource, and whatever else the policies read. */
  entities: CedarEntity[];
}

/** The answer to an AuthorizationRequest, with what decided it. */
export interface Decision {
  allowed: boolean;
  /** Ids of the policies that decided: the permits that allowed, or the forbids that denied; empty for the default deny. */
  policies: string[];
  /** Why evaluation failed, if it did; any error means `allowed` is false. */
  errors: string[];
}

/** A loaded, validated policy set that answers authorization requests. */
export interface Authorizer {
  /** Decides one request synchronously; never throws, a failure is a deny with `errors`. */
  authorize(request: AuthorizationRequest): Decision;
  /** Every policy id in the set, in file then source order. */
  readonly policyIds: string[];
}
