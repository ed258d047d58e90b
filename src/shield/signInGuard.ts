import { hmacHex } from '../crypto/digest.js';
import { addressKey } from './addressKey.js';
import type { Limiters } from './limiters/createLimiters.js';
import { consumeOrRefuse } from './limiters/consumeOrRefuse.js';
import type { ShieldConfig } from './shieldConfig.js';

/** An attempt let through to the password check; a success clears the failures counted. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/** Brute-force protection of sign-in (NIST SP 800-63B §5.2.2, OWASP Authentication Cheat Sheet). */
export interface SignInGuard {
  /**
   * Reserves one attempt BEFORE the password is checked, so that parallel attempts each take
   * their own count and 50 at once cannot all slip through (GHSA-7h8m-vrxx-vr4m).
   * Throws RATE_LIMITED when held back. `knownAddress`: this address signed in to this
   * account before, so only the per-(identifier, address) count applies to it.
   */
  reserve(attempt: { identifier: string; ip: string | null; knownAddress: boolean }): Promise<SignInAttempt>;
  /** Forgets the failures of `identifier` (a password reset proves the owner). */
  clear(identifier: string): Promise<void>;
}

/**
 * Failures are counted per identifier (the normalised e-mail, registered or not, so that a
 * lock tells nothing) and per (identifier, `addressKey`: an IPv6 client's whole prefix). Each
 * count lets `free` failures through, then asks a growing wait: 30 s, doubling, at most 1 h;
 * past 100 consecutive failures the identifier is refused until a success, a reset or the
 * run ages out.
 * Keys are HMACs: the limits store holds no e-mail address.
 */
export function createSignInGuard(config: ShieldConfig, limiters: Limiters, hmacKey: Buffer): SignInGuard {
  const perAccount = failureRun(limiters, 'signin-account', config.signInFreeFailures, config);
  const perPair = failureRun(limiters, 'signin-pair', config.signInFreeFailuresPerIp, config);
  const accountKey = (identifier: string) => hmacHex(hmacKey, `sign-in\u0000${identifier}`);
  const pairKey = (identifier: string, ip: string | null) => hmacHex(hmacKey, `sign-in\u0000${identifier}\u0000${addressKey(ip ?? 'unknown', config.ipv6Prefix)}`);

  return {
    async reserve({ identifier, ip, knownAddress }) {
      const account = accountKey(identifier);
      const pair = pairKey(identifier, ip);
      await perPair.reserve(pair);
      if (!knownAddress) {
        try {
          await perAccount.reserve(account);
        } catch (error) {
          // This attempt checks no password: it must not count against the pair.
          await perPair.giveBack(pair);
          throw error;
        }
      }
      return { succeeded: () => Promise.all([perPair.clear(pair), perAccount.clear(account)]).then(() => undefined) };
    },
    clear: (identifier) => perAccount.clear(accountKey(identifier)),
  };
}

/** A run of consecutive failures on one key, with its pace (the wait before the next try). */
function failureRun(limiters: Limiters, name: string, free: number, config: ShieldConfig) {
  const failures = limiters.forAccounts({ name: `${name}-failures`, points: config.signInMaxFailures, durationSeconds: config.signInFailureMemorySeconds });
  // One attempt per wait: the first to come after the wait takes it, the others are refused.
  const pace = limiters.forAccounts({ name: `${name}-pace`, points: 1, durationSeconds: config.signInMaxDelaySeconds });
  const giveBack = (key: string) => failures.reward(key).then(() => undefined);
  return {
    async reserve(key: string): Promise<void> {
      let count: number;
      try {
        count = (await consumeOrRefuse(failures, key)).consumedPoints;
      } catch (error) {
        await giveBack(key).catch(() => undefined);
        throw error;
      }
      if (count < free) return;
      // The free-th attempt starts the first wait; each later one, let through after its wait, doubles it.
      const delay = Math.min(config.signInFirstDelaySeconds * 2 ** (count - free), config.signInMaxDelaySeconds);
      try {
        await consumeOrRefuse(pace, key, { customDuration: delay });
      } catch (error) {
        await giveBack(key).catch(() => undefined);
        throw error;
      }
    },
    giveBack,
    clear: (key: string) => Promise.all([failures.delete(key), pace.delete(key)]).then(() => undefined),
  };
}
