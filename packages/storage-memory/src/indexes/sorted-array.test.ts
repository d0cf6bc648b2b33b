import { describe, expect, it } from 'vitest';
import { SortedArray } from './sorted-array.js';

const byN = (a: { n: number }, b: { n: number }) => a.n - b.n;
const ns = (rows: Iterable<{ n: number }>) => [...rows].map((r) => r.n);

describe('SortedArray', () => {
  it('keeps rows in order whatever order they arrive in, replacing equal ones', () => {
    const index = new SortedArray(byN);
    for (const n of [5, 1, 9, 3, 7, 3]) index.add({ n });
    expect(ns(index.rows())).toEqual([1, 3, 5, 7, 9]);
    expect(index.size).toBe(5);
  });

  it('removes by key and scans strictly after a key', () => {
    const index = new SortedArray(byN);
    for (const n of [1, 2, 3, 4]) index.add({ n });
    expect(index.remove({ n: 2 })).toBe(true);
    expect(index.remove({ n: 2 })).toBe(false);
    expect(ns(index.scan({ n: 1 }))).toEqual([3, 4]);
    expect(ns(index.scan({ n: 2 }))).toEqual([3, 4]);
    expect(ns(index.scan())).toEqual([1, 3, 4]);
  });

  it('a scan goes on from the row it yielded when rows are added or removed meanwhile', () => {
    const index = new SortedArray(byN);
    for (const n of [10, 20, 30]) index.add({ n });
    const seen: number[] = [];
    for (const row of index.scan()) {
      seen.push(row.n);
      if (row.n === 10) index.add({ n: 5 });
      if (row.n === 20) index.remove({ n: 20 });
    }
    expect(seen).toEqual([10, 20, 30]);
  });
});
