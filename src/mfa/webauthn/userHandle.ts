import type { Keyring } from '../../crypto/keyring/Keyring.js';

/** Where a user handle is kept: the credential rows, and the registration challenge until it is answered. */
type HandleTable = 'webauthn_credentials' | 'webauthn_challenges';

/** Seals a WebAuthn user handle into its row (the row id is bound into the ciphertext). */
export function sealUserHandle(keyring: Keyring, handle: Buffer, where: { table: HandleTable; rowId: string }): string {
  return keyring.seal(handle, { table: where.table, column: 'user_handle', rowId: where.rowId });
}

/** Opens the user handle of a credential row. */
export function openUserHandle(keyring: Keyring, credential: { id: string; user_handle: string }): Buffer {
  return keyring.open(credential.user_handle, { table: 'webauthn_credentials', column: 'user_handle', rowId: credential.id });
}

/** Opens the user handle a registration challenge carries. */
export function openChallengeUserHandle(keyring: Keyring, challenge: { id: string; user_handle: string }): Buffer {
  return keyring.open(challenge.user_handle, { table: 'webauthn_challenges', column: 'user_handle', rowId: challenge.id });
}
