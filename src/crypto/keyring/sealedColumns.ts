/** A column whose values are sealed by the keyring, and the column naming each row's id (bound into the seal). */
export interface SealedColumn {
  table: string;
  column: string;
  idColumn: string;
}

/**
 * Every sealed column of the schema: `gatehouse keys rotate` re-wraps exactly these.
 * A feature that seals a new column adds it here, or rotation would leave it behind.
 */
export const sealedColumns: SealedColumn[] = [
  { table: 'audit_keys', column: 'private_key', idColumn: 'fingerprint' },
  { table: 'channel_messages', column: 'text', idColumn: 'id' },
  // TOTP/HOTP seeds and SMS phone numbers (src/mfa/factorSecret.ts).
  { table: 'mfa_factors', column: 'secret', idColumn: 'id' },
  // Ed25519 private keys that sign access and ID tokens.
  { table: 'signing_keys', column: 'private_jwk', idColumn: 'kid' },
  { table: 'webauthn_credentials', column: 'user_handle', idColumn: 'id' },
  { table: 'webauthn_challenges', column: 'user_handle', idColumn: 'id' },
];
