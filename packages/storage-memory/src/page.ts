import { ValidationError, decodeCursor, encodeCursor, type Page } from '@inboxkit/core';

type PartKind = 'string' | 'number';
type Parts<S extends readonly PartKind[]> = { -readonly [I in keyof S]: S[I] extends 'number' ? number : string };

/** Checks a page size: the core validates limits, so a bad one here is a caller bug worth naming. */
export function checkLimit(limit: number, field = 'limit'): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError(field, [{ path: field, message: 'must be a positive integer' }]);
  }
}

/** Decodes a keyset cursor whose parts have the given kinds; `null` when there is none. */
export function readCursor<const S extends readonly PartKind[]>(cursor: string | null | undefined, kinds: S): Parts<S> | null {
  if (cursor === undefined || cursor === null) return null;
  const parts = decodeCursor(cursor, kinds.length);
  if (parts.some((part, i) => typeof part !== kinds[i])) {
    throw new ValidationError('cursor', [{ path: 'cursor', message: 'malformed cursor' }]);
  }
  return parts as Parts<S>;
}

/**
 * Takes up to `limit` rows (all when `limit` is omitted) as copies, and a cursor at the
 * last one when more rows follow. Reads one row past the page to know whether one does.
 */
export function takePage<T>(rows: Iterable<T>, limit: number | undefined, position: (row: T) => (string | number)[]): Page<T> {
  if (limit !== undefined) checkLimit(limit);
  const items: T[] = [];
  let last: T | undefined;
  for (const row of rows) {
    if (limit !== undefined && items.length === limit) {
      return { items, nextCursor: encodeCursor(position(last as T)) };
    }
    items.push(structuredClone(row));
    last = row;
  }
  return { items, nextCursor: null };
}
