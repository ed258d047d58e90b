export type { AuthorizationRequest, Authorizer, CedarEntity, Decision, EntityUid } from './types.js';
export { loadAuthorizer } from './loadAuthorizer.js';
