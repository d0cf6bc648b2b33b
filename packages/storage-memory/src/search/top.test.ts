import { describe, expect, it } from 'vitest';
import { firstK } from './top.js';

describe('firstK', () => {
  it('equals sorting everything and taking k, for every k', () => {
    const items = Array.from({ length: 200 }, (_, i) => (i * 7919) % 97);
    const sorted = [...items].sort((a, b) => a - b);
    for (const k of [1, 2, 5, 50, 199, 200, 300]) expect(firstK(items, k, (a, b) => a - b), `k ${k}`).toEqual(sorted.slice(0, k));
  });

  it('keeps the first of equal items in input order', () => {
    const items = [{ v: 1, n: 'a' }, { v: 0, n: 'b' }, { v: 1, n: 'c' }, { v: 1, n: 'd' }];
    expect(firstK(items, 3, (x, y) => x.v - y.v).map((x) => x.n)).toEqual(['b', 'a', 'c']);
  });
});
