import { checkStoreLimit } from '@inboxkit/core';
import type { Page } from '@inboxkit/core';
import type { Queryable } from '../driver/types.js';
import type { Tables } from '../schema/tables.js';
import type { SearchDocuments } from './search/documents.js';
import type { IndexedInserts } from './search/indexed-inserts.js';

/** What every store is built over; one context outside transactions, one per transaction. */
export interface StoreContext {
  /** Where statements go: the pool, or the transaction's connection. */
  db: Queryable;
  /** The schema's tables. */
  t: Tables;
  /** True inside `storage.transaction()`. */
  inTransaction: boolean;
  /** The NOTIFY channel of the event log. */
  channel: string;
  /**
   * Runs several statements as one unit: on `db` as is inside a transaction, in a transaction
   * of their own outside one (a row and the search document derived from it commit together).
   */
  atomic<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** The search documents derived from the rows (migration 0005). */
  search: SearchDocuments;
  /** Row inserts that write their search documents in the same statement. */
  inserts: IndexedInserts;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says a next page exists, and
 * the cursor is the keyset position of the last returned item.
 */
export function toPage<T>(items: T[], limit: number | undefined, cursorOf: (last: T) => string): Page<T> {
  if (limit === undefined || items.length <= limit) return { items, nextCursor: null };
  const kept = items.slice(0, limit);
  return { items: kept, nextCursor: cursorOf(kept[kept.length - 1]!) };
}

/**
 * Re-points every row of `table` whose `column` is `from` to `to`, within one workspace
 * (contact merges). Returns how many rows moved.
 */
export async function moveRows(db: Queryable, table: string, column: string, workspaceId: string, from: string, to: string): Promise<number> {
  const { rowCount } = await db.query(`UPDATE ${table} SET ${column} = $3 WHERE workspace_id = $1 AND ${column} = $2`, [workspaceId, from, to]);
  return rowCount;
}

/** `LIMIT` for `toPage`: one more than asked, or none. A limit out of the contract's range is `VALIDATION`. */
export function limitPlusOne(limit: number | undefined): string {
  if (limit === undefined) return '';
  checkStoreLimit(limit);
  return `LIMIT ${limit + 1}`;
}
