import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/** Hash and length of a code; authenticator apps expect SHA-1, 6 digits, 30 s (Google Authenticator's key-uri format). */
export interface OtpParams {
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
}

/** What Gatehouse enrols: what every authenticator app and most hardware tokens speak. */
export const defaultOtpParams: OtpParams = { algorithm: 'SHA1', digits: 6, period: 30 };

/** A new 160-bit seed from the CSPRNG (RFC 4226 §4 R6 recommends 160 bits), base32 as apps expect it. */
export function newOtpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The RFC 6238 time step of `ms`. */
export function totpStepAt(ms: number, period = defaultOtpParams.period): number {
  return Math.floor(ms / 1000 / period);
}

/** The RFC 4226 HOTP value of `counter` for a base32 seed. */
export function hotpCode(secretBase32: string, counter: number, params: OtpParams = defaultOtpParams): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: params.algorithm, digits: params.digits, counter });
}

/** The RFC 6238 TOTP value of time step `step` (TOTP is HOTP of the step, RFC 6238 §4.2). */
export function totpCode(secretBase32: string, step: number, params: OtpParams = defaultOtpParams): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: params.algorithm, digits: params.digits, period: params.period, timestamp: step * params.period * 1000 });
}

/**
 * The first counter in `counters` whose code is `code`, or undefined. Every candidate is
 * computed and compared in constant time, so timing tells neither which nor whether one matched.
 */
function firstMatch(counters: number[], code: string, codeAt: (counter: number) => string): number | undefined {
  const given = Buffer.from(code);
  let found: number | undefined;
  for (const counter of counters) {
    const expected = Buffer.from(codeAt(counter));
    const same = expected.length === given.length && timingSafeEqual(expected, given);
    if (same && found === undefined) found = counter;
  }
  return found;
}

/**
 * The time step a TOTP code belongs to, or undefined: the current step and one step of drift
 * each way (RFC 6238 §5.2). The caller refuses a step at or before the last one accepted.
 */
export function matchTotp(secretBase32: string, code: string, nowMs: number, params: OtpParams = defaultOtpParams): number | undefined {
  const step = totpStepAt(nowMs, params.period);
  return firstMatch([step - 1, step, step + 1], code, (s) => totpCode(secretBase32, s, params));
}

/** HOTP look-ahead (RFC 4226 §7.4): a token pressed a few times without use still resynchronises. */
export const hotpLookAhead = 10;

/** The counter an HOTP code belongs to, from `nextCounter` up to `lookAhead` ahead, or undefined. */
export function matchHotp(secretBase32: string, code: string, nextCounter: number, lookAhead = hotpLookAhead, params: OtpParams = defaultOtpParams): number | undefined {
  const counters = Array.from({ length: lookAhead + 1 }, (_, i) => nextCounter + i);
  return firstMatch(counters, code, (c) => hotpCode(secretBase32, c, params));
}

/** The `otpauth://totp/…` URI (Key Uri Format) an authenticator app scans. */
export function otpauthUri(secretBase32: string, issuer: string, account: string, params: OtpParams = defaultOtpParams): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secretBase32), algorithm: params.algorithm, digits: params.digits, period: params.period }).toString();
}

/** True when `secret` is a base32 seed of at least 80 bits (RFC 4226 §4 R6: at least 128, but printed token cards vary). */
export function isUsableSeed(secret: string): boolean {
  try {
    return Secret.fromBase32(secret).bytes.length >= 10;
  } catch {
    return false;
  }
}

/** A seed as printed on a token's card (spaces, dashes, lower case) in plain base32. */
export function normalizeSeed(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}
