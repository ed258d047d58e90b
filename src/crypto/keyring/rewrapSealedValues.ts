import type { Kysely } from 'kysely';
import type { Store } from '../../store/openDatabase.js';
import type { Keyring } from './Keyring.js';
import { sealedColumns as registered, type SealedColumn } from './sealedColumns.js';

/** What a re-wrap pass did. */
export interface RewrapReport {
  /** Values whose data key is now wrapped under the current master key. */
  rewrapped: number;
  /** Values already under it. */
  current: number;
}

const batchSize = 200;

/**
 * Re-wraps the data key of every sealed value under the keyring's current master key, a
 * batch per short transaction so the server keeps serving. A value changed meanwhile is
 * left as its writer put it (the update matches the old text only).
 */
export async function rewrapSealedValues(db: Store, keyring: Keyring, columns: SealedColumn[] = registered): Promise<RewrapReport> {
  const report: RewrapReport = { rewrapped: 0, current: 0 };
  // Table and column names come from the registry, not from input: the loose type is safe here.
  const any = db as unknown as Kysely<any>;
  for (const { table, column, idColumn } of columns) {
    // The cursor keeps the id's own type: SQLite orders every integer before every text value.
    let after: string | number | undefined;
    for (;;) {
      let query = any.selectFrom(table).select([`${idColumn} as id`, `${column} as value`]).where(column, 'is not', null).orderBy(idColumn).limit(batchSize);
      if (after !== undefined) query = query.where(idColumn, '>', after);
      const rows = (await query.execute()) as Array<{ id: string | number; value: string }>;
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      await any.transaction().execute(async (trx) => {
        for (const row of rows) {
          if (keyring.keyIdOf(row.value) === keyring.currentKeyId) {
            report.current += 1;
            continue;
          }
          const value = keyring.rewrap(row.value, { table, column, rowId: String(row.id) });
          await trx.updateTable(table).set({ [column]: value }).where(idColumn, '=', row.id).where(column, '=', row.value).execute();
          report.rewrapped += 1;
        }
      });
    }
  }
  return report;
}
