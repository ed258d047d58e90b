import canonicalize from 'canonicalize';
import { sha256Hex } from '../crypto/digest.js';

/**
 * A signed statement over a range of the chain, as CloudTrail's digest files: the range, the
 * hash of its last event, and a link to the digest before it (its hash and its signature).
 */
export interface AuditDigest {
  fromSequence: number;
  toSequence: number;
  lastHash: string;
  previousDigestHash: string;
  previousDigestSignature: string | null;
  createdAt: string;
  keyFingerprint: string;
}

/** A digest with its Ed25519 signature (base64) over `digestBytes(digest)`. */
export interface SignedDigest extends AuditDigest {
  signature: string;
}

/** The bytes a digest's signature and hash cover: its RFC 8785 canonical JSON, signature left out. */
export function digestBytes(digest: AuditDigest): string {
  const { fromSequence, toSequence, lastHash, previousDigestHash, previousDigestSignature, createdAt, keyFingerprint } = digest;
  return canonicalize({ fromSequence, toSequence, lastHash, previousDigestHash, previousDigestSignature, createdAt, keyFingerprint })!;
}

/** The hash the next digest links to: SHA-256 of the digest's canonical bytes, hex. */
export function digestHash(digest: AuditDigest): string {
  return sha256Hex(digestBytes(digest));
}
