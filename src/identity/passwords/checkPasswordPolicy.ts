import { dictionary } from '@zxcvbn-ts/language-common';
import { GatehouseError } from '../../errors/GatehouseError.js';

/** NIST SP 800-63B §5.1.1.2: at least 8 characters, at least 64 allowed. */
export const passwordLength = { min: 8, max: 128 } as const;

// ~49,000 most common passwords from the zxcvbn-ts project (maintained, ships in npm).
const blocklist: ReadonlySet<string> = new Set(dictionary['passwords-common']);

/** How many common passwords are refused (the security advisor reports it). */
export const passwordBlocklistSize = blocklist.size;

/**
 * Refuses a password that NIST SP 800-63B §5.1.1.2 says to refuse: too short, too long,
 * commonly used, or the account's own name. No composition rules (same section).
 */
export function checkPasswordPolicy(password: string, email: string): void {
  const length = [...password].length;
  const refuse = (reason: string): never => {
    throw new GatehouseError('VALIDATION_ERROR', reason, { details: { field: 'password', reason } });
  };
  if (length < passwordLength.min) refuse(`password must be at least ${passwordLength.min} characters`);
  if (length > passwordLength.max) refuse(`password must be at most ${passwordLength.max} characters`);
  const lowered = password.normalize('NFKC').toLowerCase();
  if (blocklist.has(lowered)) refuse('password is too common: it is on the list of most used passwords');
  const localPart = email.split('@')[0]?.toLowerCase();
  if (localPart && lowered === localPart) refuse('password must not be the name in your e-mail address');
  if (lowered === email.toLowerCase()) refuse('password must not be your e-mail address');
}
