import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Store } from '../store/openDatabase.js';
import type { SignedDigest } from './AuditDigest.js';
import { auditSigningKey, type AuditSigningKey, type Sealer } from './auditSigningKey.js';
import { sealHead } from './sealHead.js';

/** When the chain gets a signed digest: every `everyEvents` events or `everyMs`, whichever comes first. */
export interface DigestSchedule {
  /** Told after an append committed at `sequence`: digests once `everyEvents` are unsigned. */
  appended(sequence: number): void;
  /**
   * Waits for the signing under way, and signs now if the last digest is older than the
   * interval: for hosts without timers between requests (Lambda freezes after each answer).
   */
  settle(): Promise<void>;
  /** Signs every unsigned event now (export, archive, shutdown). */
  sealNow(): Promise<SignedDigest | undefined>;
  /** Starts the timer (a server does; a command does not). */
  start(): void;
  /** Stops the timer and signs what is left, so a clean shutdown leaves no unsigned tail. */
  stop(): Promise<void>;
}

/** Options of the schedule. */
export interface DigestScheduleOptions {
  db: Store;
  keyring: Sealer;
  clock: Clock;
  logger: Logger;
  everyEvents: number;
  everyMs: number;
}

/**
 * Digests off the request path: a request only compares two numbers; signing runs after it,
 * one at a time. The timer bounds how long an event stays unsigned (the window in which a
 * tail deletion goes unnoticed), the count bounds how many.
 */
export function digestSchedule(options: DigestScheduleOptions): DigestSchedule {
  let key: Promise<AuditSigningKey> | undefined;
  let running: Promise<SignedDigest | undefined> | undefined;
  let signedThrough = 0;
  let timer: NodeJS.Timeout | undefined;
  let sealedAt = options.clock();

  const sealNow = (): Promise<SignedDigest | undefined> => {
    if (running) return running.then(sealNow, sealNow);
    key ??= auditSigningKey(options.db, options.keyring, options.clock);
    key.catch(() => (key = undefined));
    const sealing = key.then((opened) => sealHead(options.db, opened, options.clock));
    running = sealing.finally(() => (running = undefined));
    return sealing.then((digest) => {
      sealedAt = options.clock();
      if (digest) signedThrough = Math.max(signedThrough, digest.toSequence);
      return digest;
    });
  };
  const sealInBackground = () => {
    if (running) return;
    sealNow().catch((error: unknown) => options.logger.error({ err: error }, 'audit digest failed'));
  };

  return {
    appended(sequence) {
      if (sequence - signedThrough >= options.everyEvents) {
        // Another instance may have signed meanwhile; sealHead then finds nothing to do.
        signedThrough = sequence;
        sealInBackground();
      }
    },
    sealNow,
    async settle() {
      if (running) await running.catch(() => undefined);
      if (options.clock() - sealedAt >= options.everyMs) await sealNow();
    },
    start() {
      timer ??= setInterval(sealInBackground, options.everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sealNow();
    },
  };
}
