import { randomBytes, randomInt } from 'node:crypto';

/** A 256-bit random value from the CSPRNG, base64url-encoded (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A numeric code of `digits` digits from the CSPRNG (uniform: randomInt rejects biased draws). */
export function randomDigits(digits: number): string {
  return randomInt(0, 10 ** digits).toString().padStart(digits, '0');
}
