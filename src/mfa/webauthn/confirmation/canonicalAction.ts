// RFC 8785 (JCS): the bytes a key signs must not depend on key order or number formatting.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/**
 * A sensitive action as its actor confirms it: who, what, which resource, the new value.
 * `nonce` and `at` make each confirmation's challenge unique and unpredictable, as WebAuthn
 * §13.4.3 asks of challenges, so that no signature can be replayed onto the same action later.
 */
export interface SensitiveAction {
  actor: string;
  action: string;
  resource: string;
  value: unknown;
  nonce: string;
  at: string;
}

/** The action's canonical JSON and its SHA-256: the WebAuthn challenge the key signs. */
export function canonicalAction(action: SensitiveAction): { json: string; sha256: Buffer } {
  const json = canonicalize(action)!;
  return { json, sha256: createHash('sha256').update(json, 'utf8').digest() };
}

/** True when two values are the same action fields in canonical form. */
export function sameCanonical(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}
