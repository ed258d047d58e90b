import type { SignedDigest } from './AuditDigest.js';

/**
 * A stored or exported digest read back. Text that is not a digest still yields one, over the
 * range it is filed under and with nothing signed, so verification names it instead of crashing.
 */
export function parseDigest(json: string, signature: string | undefined, range: { fromSequence: number; toSequence: number }): SignedDigest {
  try {
    const value = JSON.parse(json) as Partial<SignedDigest>;
    if (typeof value.fromSequence === 'number' && typeof value.toSequence === 'number') {
      return {
        fromSequence: value.fromSequence,
        toSequence: value.toSequence,
        lastHash: String(value.lastHash),
        previousDigestHash: String(value.previousDigestHash),
        previousDigestSignature: value.previousDigestSignature ?? null,
        createdAt: String(value.createdAt),
        keyFingerprint: String(value.keyFingerprint),
        signature: signature ?? String(value.signature),
      };
    }
  } catch {
    // Falls through to the unsigned stand-in.
  }
  return { ...range, lastHash: '', previousDigestHash: '', previousDigestSignature: null, createdAt: '', keyFingerprint: '', signature: '' };
}
