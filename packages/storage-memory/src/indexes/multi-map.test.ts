import { describe, expect, it } from 'vitest';
import { MultiMap } from './multi-map.js';

describe('MultiMap', () => {
  it('holds one or several values per key and forgets a key with its last value', () => {
    const map = new MultiMap<string, { id: number }>();
    const [a, b, c] = [{ id: 1 }, { id: 2 }, { id: 3 }];
    map.add('k', a);
    expect([...map.get('k')]).toEqual([a]);
    map.add('k', a);
    expect([...map.get('k')]).toEqual([a]);
    map.add('k', b);
    map.add('k', c);
    expect([...map.get('k')]).toEqual([a, b, c]);
    map.remove('k', b);
    expect([...map.get('k')]).toEqual([a, c]);
    map.remove('k', a);
    map.remove('k', c);
    expect([...map.get('k')]).toEqual([]);
    map.add('j', a);
    map.remove('j', b);
    expect([...map.get('j')]).toEqual([a]);
    map.remove('j', a);
    expect([...map.get('j')]).toEqual([]);
  });
});
