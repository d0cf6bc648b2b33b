import { checkStoreLimit as checkLimit, encodeCursor } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { readCursor, takePage } from './page.js';

describe('page helpers', () => {
  it('accept only integer limits from 1 to the contract maximum', () => {
    expect(() => checkLimit(1)).not.toThrow();
    for (const bad of [0, -1, 1.5, Number.NaN, 1e9]) expect(() => checkLimit(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('decode cursors whose parts have the expected kinds', () => {
    expect(readCursor(null, ['number', 'string'])).toBeNull();
    expect(readCursor(encodeCursor([5, 'a']), ['number', 'string'])).toEqual([5, 'a']);
    expect(() => readCursor(encodeCursor(['5', 'a']), ['number', 'string'])).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('take a page of copies and a cursor only when more rows follow', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = takePage(rows, 2, (row) => [row.id]);
    expect(page).toEqual({ items: [{ id: 'a' }, { id: 'b' }], nextCursor: encodeCursor(['b']) });
    expect(page.items[0]).not.toBe(rows[0]);
    expect(takePage(rows, 3, (row) => [row.id]).nextCursor).toBeNull();
    expect(takePage(rows, undefined, (row) => [row.id]).items).toHaveLength(3);
  });
});
