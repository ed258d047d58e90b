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
export const sealedColumns: SealedColumn[] = [];
