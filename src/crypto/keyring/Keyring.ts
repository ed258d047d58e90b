/** Where a sealed value lives: bound into its ciphertext, so that a value moved elsewhere fails to open. */
export interface SealedField {
  table: string;
  column: string;
  rowId: string;
}

/**
 * Envelope encryption of fields at rest: each value gets its own AES-256-GCM data key,
 * wrapped by a master key; both layers authenticate the table, column and row id.
 */
export interface Keyring {
  /** Id (fingerprint) of the master key new values are wrapped under. */
  readonly currentKeyId: string;
  seal(plaintext: string | Buffer, where: SealedField): string;
  open(sealed: string, where: SealedField): Buffer;
  openText(sealed: string, where: SealedField): string;
  /** The same value with its data key re-wrapped under the current master key; the ciphertext is untouched. */
  rewrap(sealed: string, where: SealedField): string;
  /** Id of the master key that wraps `sealed`. */
  keyIdOf(sealed: string): string;
}
