import { GatehouseError } from '../../errors/GatehouseError.js';

/**
 * The one answer for every failed WebAuthn ceremony (no or used challenge, unknown key,
 * bad signature, counter gone back): which check failed stays in the log, not the reply.
 */
export function webauthnRefused(cause?: unknown): GatehouseError {
  return new GatehouseError('INVALID_CODE', "The security key's answer is not valid for this challenge; ask for a new challenge", { cause });
}
