import { expect } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../src/audit/appendEvent.js';
import type { Store } from '../../src/store/openDatabase.js';

/** Walks the whole audit chain: gap-free sequences from 1, each linked to and hashed over the previous; returns its length. */
export async function expectChainHolds(db: Store): Promise<number> {
  const rows = await db.selectFrom('audit_events').selectAll().orderBy('sequence').execute();
  let previous = GENESIS_HASH;
  rows.forEach((row, index) => {
    expect(row.sequence).toBe(index + 1);
    expect(row.previous_hash).toBe(previous);
    expect(row.hash).toBe(chainHash(previous, row.body));
    expect(JSON.parse(row.body).sequence).toBe(row.sequence);
    previous = row.hash;
  });
  return rows.length;
}
