import type { Runtime } from '../../runtime/Runtime.js';
import type { Store } from '../../store/openDatabase.js';
import type { MfaFactorRow } from '../../store/schema.js';

/** The second-step methods of the contract (`methods` of MFA_REQUIRED). */
export type MfaMethodName = 'totp' | 'hotp' | 'sms' | 'webauthn' | 'recovery';

/** Where a challenge a method hands out waits for its answer: bound to the attempt, single use. */
export interface ChallengeSlot {
  put(value: string): Promise<void>;
  /** The value put last, once: a second take gets undefined. */
  take(): Promise<string | undefined>;
}

/** One attempt at a second step: a sign-in's `mfaToken`, or a signed-in session stepping up. */
export interface MfaAttempt {
  runtime: Runtime;
  user: { id: string; email: string };
  /** The user's enabled factors. */
  factors: MfaFactorRow[];
  binding: { kind: 'sign-in'; challengeId: string } | { kind: 'step-up'; sessionId: string };
  slot: ChallengeSlot;
}

/** What the user answered: a code, or a WebAuthn response. */
export interface MfaProof {
  code?: string;
  response?: unknown;
}

/** A proof that checked out; `commit` makes it count, inside the caller's transaction. */
export interface AcceptedFactor {
  factorId: string | null;
  /** What the audit event records (never the code): totp, hotp, sms, webauthn, recovery. */
  factorType: MfaMethodName;
  /** Marks the code or counter used; false when a parallel request used it first (then nothing counts). */
  commit(trx: Store, at: string): Promise<boolean>;
}

/**
 * A way to prove the second factor. Sign-in, its challenge and step-up all go through the
 * list in `mfaMethods.ts`, so a new method is one file and one line there.
 */
export interface MfaMethod {
  readonly method: MfaMethodName;
  /** True when this user can prove themselves this way. */
  offered(attempt: MfaAttempt): boolean | Promise<boolean>;
  /** Sends or hands out what the user must answer (an SMS code, WebAuthn options). */
  challenge?(attempt: MfaAttempt): Promise<Record<string, unknown>>;
  /** Checks the proof; undefined when it does not hold. Does not consume anything: `commit` does. */
  verify(attempt: MfaAttempt, proof: MfaProof): Promise<AcceptedFactor | undefined>;
}
