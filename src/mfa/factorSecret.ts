import type { SealedField } from '../crypto/keyring/Keyring.js';
import type { Runtime } from '../runtime/Runtime.js';

// The one place factor secrets are sealed and opened; the column is listed in crypto/keyring/sealedColumns.ts.
const where = (factorId: string): SealedField => ({ table: 'mfa_factors', column: 'secret', rowId: factorId });

/** Seals a factor's seed or phone number, bound to its row: moved to another row, it fails to open. */
export function sealFactorSecret(runtime: Pick<Runtime, 'keyring'>, factorId: string, plaintext: string): string {
  return runtime.keyring.seal(plaintext, where(factorId));
}

/** Opens what `sealFactorSecret` sealed for that row; throws when it was sealed for another. */
export function openFactorSecret(runtime: Pick<Runtime, 'keyring'>, factorId: string, sealed: string): string {
  return runtime.keyring.openText(sealed, where(factorId));
}
