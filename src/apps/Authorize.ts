import type { CedarEntity } from '../authz/index.js';

/**
 * Asks the policy engine whether the caller may do `action` on `resource`.
 * The edge binds the caller and records the decision.
 */
export type Authorize = (action: string, resource: CedarEntity) => boolean;

/** A Cedar entity reference, as entity attributes hold them. */
export function entityRef(type: string, id: string): { __entity: { type: string; id: string } } {
  return { __entity: { type, id } };
}
