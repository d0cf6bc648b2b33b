import type { Queryable } from '../driver/types.js';
import { conflict } from '../errors.js';
import type { RowMapper } from '../schema/row-mapper.js';

/**
 * Inserts `rows` with as few multi-row statements as the parameter limit allows. Throws
 * `CONFLICT` (naming `what`) when any row was skipped for a unique key; the caller's
 * transaction (or `atomic`) then rolls back the rows that did go in.
 */
export async function insertRows<T extends object>(db: Queryable, map: RowMapper<T>, rows: readonly T[], what: string): Promise<void> {
  for (let start = 0; start < rows.length; start += map.maxRowsPerInsert) {
    const part = rows.slice(start, start + map.maxRowsPerInsert);
    const { rowCount } = await db.query(map.insertManySql(part.length), part.flatMap((row) => map.values(row)));
    if (rowCount < part.length) throw conflict(`one of the ${rows.length} ${what} (or a unique key of it) exists`);
  }
}
