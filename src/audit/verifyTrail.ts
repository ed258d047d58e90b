import { hash as oneShotHash, verify, type KeyObject } from 'node:crypto';
import { digestBytes, digestHash, type SignedDigest } from './AuditDigest.js';
import { GENESIS_HASH } from './appendEvent.js';

/** One link of the chain as stored or exported: `hash` = SHA-256(previousHash + body). */
export interface ChainRecord {
  sequence: number;
  previousHash: string;
  hash: string;
  /** The event's canonical JSON without `hash`. */
  body: string;
}

/** Why a sequence breaks the trail (the `validate-logs` vocabulary, one word each). */
export type BreakReason = 'modified' | 'missing' | 'inserted' | 'reordered' | 'bad signature' | 'unknown key';

/** Where and why the trail stops holding. */
export interface TrailBreak {
  sequence: number;
  reason: BreakReason;
  detail: string;
}

/** What to check. */
export interface TrailToVerify {
  /** The events, oldest first, in pages. */
  pages: AsyncIterable<ChainRecord[]>;
  /** Every digest that may cover them, oldest first. */
  digests: SignedDigest[];
  /** The trusted public keys, by fingerprint. */
  keys: Map<string, KeyObject>;
  /** The first sequence expected, and the hash it must link to (undefined: take it as found, as `--from` does). */
  start: { sequence: number; previousHash: string | undefined };
  /** Told the newest sequence checked, after each page. */
  onProgress?: (sequence: number) => void;
}

/** What verification found, for the summary and the exit code. */
export interface VerifyReport {
  events: { checked: number; valid: number };
  digests: { checked: number; valid: number };
  firstSequence: number | null;
  lastSequence: number | null;
  /** Events after the newest digest: not signed yet, so a deletion among them would go unseen. */
  unsigned: number;
  /** The breaks found, lowest sequence first (at most `maxBreaks`). */
  breaks: TrailBreak[];
}

const maxBreaks = 20;

/**
 * Checks the chain and its digests: every event's hash over the previous hash and its body,
 * gap-free sequences, bodies in their place, every digest's Ed25519 signature by a trusted
 * key and its link to the digest before, and that each digest's signed hash is the hash of
 * the event it names. The first break is the lowest sequence that fails, with its reason.
 */
export async function verifyTrail(trail: TrailToVerify): Promise<VerifyReport> {
  const breaks: TrailBreak[] = [];
  const note = (sequence: number, reason: BreakReason, detail: string) => {
    if (breaks.length < maxBreaks * 4) breaks.push({ sequence, reason, detail });
  };
  const digestsValid = checkDigests(trail.digests, trail.keys, note);
  const signedAt = new Map(trail.digests.map((d) => [d.toSequence, d]));

  let expected = trail.start.sequence;
  let previousHash = trail.start.previousHash;
  let beforePrevious: string | undefined;
  let checked = 0;
  let valid = 0;
  let first: number | null = null;
  let last: number | null = null;
  const displaced: Array<{ sequence: number; claimed: number | null }> = [];
  let previousOk = true;
  for await (const page of trail.pages) {
    for (const record of page) {
      const { sequence, body, hash } = record;
      checked++;
      first ??= sequence;
      let ok = true;
      const gap = sequence > expected;
      if (gap) note(expected, 'missing', sequence - expected === 1 ? `event ${expected} is not in the trail` : `events ${expected} to ${sequence - 1} are not in the trail`);
      const claimed = claimedSequence(body);
      if (oneShotHash('sha256', record.previousHash + body, 'hex') !== hash || !claimsPreviousHash(body, record.previousHash)) {
        note(sequence, 'modified', `event ${sequence} does not hash to its recorded hash`);
        ok = false;
      } else if (claimed !== sequence) {
        if (claimed !== null && claimed < sequence && record.previousHash === beforePrevious) {
          note(sequence - 1, 'inserted', `event ${sequence - 1} was not in the chain: the event after it links past it`);
        } else if (displaced.length < maxBreaks * 50) {
          // Moved or renumbered: which one shows only once the event that belongs here turns up (or not).
          displaced.push({ sequence, claimed });
        }
        ok = false;
      } else if (previousHash !== undefined && previousOk && !gap && record.previousHash !== previousHash) {
        // The body is intact and in its place but does not link to its predecessor: that one was rewritten.
        note(sequence - 1, sequence - 1 < trail.start.sequence ? 'missing' : 'modified', `event ${sequence} links to a hash that event ${sequence - 1} no longer has`);
        ok = false;
      }
      const digest = signedAt.get(sequence);
      if (digest && digest.lastHash !== hash) {
        note(sequence, 'modified', `event ${sequence} differs from the hash signed by the digest over ${digest.fromSequence}-${digest.toSequence}`);
        ok = false;
      }
      if (ok && !gap) valid++;
      // A link to a broken or misplaced event says nothing new: that event is named already.
      previousOk = ok;
      beforePrevious = previousHash ?? record.previousHash;
      previousHash = hash;
      expected = Math.max(expected, sequence) + 1;
      last = sequence;
    }
    if (last !== null) trail.onProgress?.(last);
  }

  const claimedAt = new Set(displaced.map((d) => d.claimed));
  for (const { sequence, claimed } of displaced) {
    if (claimedAt.has(sequence)) note(sequence, 'reordered', `event ${claimed} stands at ${sequence}, and event ${sequence} elsewhere`);
    else if (claimed !== null && claimed > sequence) note(sequence, 'missing', `event ${claimed} stands at ${sequence}: the events before it were removed and the rest renumbered`);
    else note(sequence, 'inserted', `event ${sequence} claims to be event ${claimed ?? 'none'}`);
  }

  const newest = trail.digests.at(-1);
  const end = last ?? trail.start.sequence - 1;
  if (newest && newest.toSequence > end && newest.toSequence >= trail.start.sequence) {
    // The newest digest signs the newest hash it saw: events it covered cannot quietly disappear.
    note(end + 1, 'missing', `events ${end + 1} to ${newest.toSequence} are signed by a digest but not in the trail`);
  }
  breaks.sort((a, b) => a.sequence - b.sequence);
  return {
    events: { checked, valid },
    digests: { checked: trail.digests.length, valid: digestsValid },
    firstSequence: first,
    lastSequence: last,
    unsigned: last !== null && (!newest || newest.toSequence < last) ? last - Math.max(newest?.toSequence ?? first! - 1, first! - 1) : 0,
    breaks: breaks.slice(0, maxBreaks),
  };
}

/**
 * The top-level `sequence` a canonical body claims: RFC 8785 orders keys, and inside strings a
 * quote is escaped, so the last `"sequence":` is the event's own (only `userIdentity`, whose keys
 * are fixed, and strings follow it). Read in place: this runs once per event.
 */
function claimedSequence(body: string): number | null {
  const at = body.lastIndexOf('"sequence":');
  if (at < 0) return null;
  let value = 0;
  let i = at + 11;
  for (let c = body.charCodeAt(i); c >= 48 && c <= 57 && i < at + 27; c = body.charCodeAt(++i)) value = value * 10 + (c - 48);
  return i > at + 11 ? value : null;
}

/** Whether the body's own `previousHash` (the first such key: it sorts before any value that could hold one) is `previousHash`. */
function claimsPreviousHash(body: string, previousHash: string): boolean {
  const at = body.indexOf('"previousHash":"');
  return at >= 0 && body.startsWith(previousHash, at + 16) && body.charCodeAt(at + 16 + previousHash.length) === 34;
}

function checkDigests(digests: SignedDigest[], keys: Map<string, KeyObject>, note: (sequence: number, reason: BreakReason, detail: string) => void): number {
  let valid = 0;
  let previous: SignedDigest | undefined;
  for (const digest of digests) {
    const range = `${digest.fromSequence}-${digest.toSequence}`;
    const key = keys.get(digest.keyFingerprint);
    let ok = true;
    if (!key) {
      note(digest.fromSequence, 'unknown key', `the digest over ${range} names key ${digest.keyFingerprint.slice(0, 16)}…, which is not trusted`);
      ok = false;
    } else if (!safeVerify(digestBytes(digest), key, digest.signature)) {
      note(digest.fromSequence, 'bad signature', `the digest over ${range} does not carry a valid signature`);
      ok = false;
    }
    if (previous) {
      if (digest.fromSequence > previous.toSequence + 1) {
        note(previous.toSequence + 1, 'missing', `the digest over ${previous.toSequence + 1}-${digest.fromSequence - 1} is not in the trail`);
        ok = false;
      } else if (digest.fromSequence <= previous.toSequence) {
        note(digest.fromSequence, 'inserted', `the digest over ${range} overlaps the one over ${previous.fromSequence}-${previous.toSequence}`);
        ok = false;
      } else if (digest.previousDigestHash !== digestHash(previous) || digest.previousDigestSignature !== previous.signature) {
        note(previous.fromSequence, 'modified', `the digest over ${previous.fromSequence}-${previous.toSequence} is not the one its successor signed`);
        ok = false;
      }
    } else if (digest.fromSequence === 1 && (digest.previousDigestHash !== GENESIS_HASH || digest.previousDigestSignature !== null)) {
      note(1, 'inserted', `the digest over ${range} links to a digest before the first`);
      ok = false;
    }
    if (ok) valid++;
    previous = digest;
  }
  return valid;
}

function safeVerify(bytes: string, key: KeyObject, signature: string): boolean {
  try {
    return verify(null, Buffer.from(bytes), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
