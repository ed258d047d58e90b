import { z } from 'zod';

/**
 * The hidden fields that carry a pending authenticator app's key from one try to the next:
 * only what the API hands out (a base32 seed, an `otpauth://totp/` URI of printable ASCII),
 * so a tampered form is a 400 before anything is drawn from it.
 */
export const otpKeyFields = {
  secret: z.string().regex(/^[A-Z2-7]{16,128}$/, 'must be the base32 key of the app'),
  // An e-mail address of 254 characters, percent-encoded, fits; a QR code holds far more.
  otpauthUri: z
    .string()
    .max(1024, 'must be at most 1024 characters')
    .regex(/^otpauth:\/\/totp\/[\x21-\x7e]+$/, 'must be the key URI of the app'),
};
