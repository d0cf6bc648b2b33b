import { describe, expect, it } from 'vitest';
import { byId, type IdKey } from './compare.js';
import { SortedIndex } from './sorted-index.js';

interface Row extends IdKey {
  label: string;
}

const row = (id: string, label = id): Row => ({ id, label });

describe('SortedIndex', () => {
  it('keeps rows in comparator order and counts them', () => {
    const index = new SortedIndex<IdKey, Row>(byId);
    for (const id of ['c', 'a', 'd', 'b']) index.add(row(id));
    expect([...index.scan()].map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(index.size).toBe(4);
  });

  it('scans strictly after a probe, whether or not a row has that key', () => {
    const index = new SortedIndex<IdKey, Row>(byId);
    for (const id of ['a', 'c', 'e']) index.add(row(id));
    expect([...index.scan({ id: 'c' })].map((r) => r.id)).toEqual(['e']);
    expect([...index.scan({ id: 'b' })].map((r) => r.id)).toEqual(['c', 'e']);
    expect([...index.scan({ id: 'z' })]).toEqual([]);
  });

  it('finds the row comparing equal to a probe, and nothing for a gap', () => {
    const index = new SortedIndex<IdKey, Row>(byId);
    index.add(row('a'));
    index.add(row('c'));
    expect(index.find({ id: 'c' })?.label).toBe('c');
    expect(index.find({ id: 'b' })).toBeUndefined();
    expect(index.find({ id: 'z' })).toBeUndefined();
  });

  it('replaces a row that compares equal, and removes by probe', () => {
    const index = new SortedIndex<IdKey, Row>(byId);
    index.add(row('a', 'old'));
    index.add(row('a', 'new'));
    expect(index.size).toBe(1);
    expect(index.find({ id: 'a' })?.label).toBe('new');
    expect(index.remove({ id: 'a' })).toBe(true);
    expect(index.remove({ id: 'a' })).toBe(false);
    expect(index.size).toBe(0);
  });

  it('stays ordered across node splits and merges', () => {
    const index = new SortedIndex<IdKey, Row>(byId);
    const ids = Array.from({ length: 2000 }, (_, i) => `id_${String((i * 7919) % 2000).padStart(4, '0')}`);
    for (const id of ids) index.add(row(id));
    for (const id of ids.slice(0, 1000)) index.remove({ id });
    const expected = ids.slice(1000).sort();
    expect([...index.scan()].map((r) => r.id)).toEqual(expected);
  });
});
