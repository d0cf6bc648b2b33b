import { checkStoreLimit, decodeCursor, encodeCursor, type CursorPartKind, type Page } from '@inboxkit/core';
import { copy } from './copy.js';

type Parts<S extends readonly CursorPartKind[]> = { -readonly [I in keyof S]: S[I] extends 'number' ? number : string };

/** Decodes a keyset cursor whose parts have the given kinds; `null` when there is none. */
export function readCursor<const S extends readonly CursorPartKind[]>(cursor: string | null | undefined, kinds: S): Parts<S> | null {
  if (cursor === undefined || cursor === null) return null;
  return decodeCursor(cursor, kinds) as Parts<S>;
}

/**
 * Takes up to `limit` rows (all when `limit` is omitted) as copies, and a cursor at the
 * last one when more rows follow. Reads one row past the page to know whether one does.
 */
export function takePage<T>(rows: Iterable<T>, limit: number | undefined, position: (row: T) => (string | number)[]): Page<T> {
  if (limit !== undefined) checkStoreLimit(limit);
  const items: T[] = [];
  let last: T | undefined;
  for (const row of rows) {
    if (limit !== undefined && items.length === limit) {
      return { items, nextCursor: encodeCursor(position(last as T)) };
    }
    items.push(copy(row));
    last = row;
  }
  return { items, nextCursor: null };
}
