import { describe, expect, it } from 'vitest';
import { copy } from './copy.js';

describe('copy', () => {
  it('deep-copies plain objects and arrays: nothing is shared with the original', () => {
    const row = { id: 'a', n: 1, none: null, missing: undefined, nested: { list: [1, { x: 'y' }] }, flag: false };
    const copied = copy(row);
    expect(copied).toStrictEqual(row);
    expect(copied.nested).not.toBe(row.nested);
    expect(copied.nested.list).not.toBe(row.nested.list);
    expect(copied.nested.list[1]).not.toBe(row.nested.list[1]);
    expect('missing' in copied).toBe(true);
  });

  it('hands other objects to structuredClone, which copies dates, maps and cycles', () => {
    const date = new Date(5);
    const copied = copy({ at: date, map: new Map([['k', 1]]) });
    expect(copied.at).toBeInstanceOf(Date);
    expect(copied.at).not.toBe(date);
    expect(copied.map.get('k')).toBe(1);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = copy(cyclic);
    for (let i = 0; i < 100; i++) deep = deep.self as Record<string, unknown>;
    expect(deep.name).toBe('loop');
  });

  it('refuses functions and symbols as structuredClone does', () => {
    expect(() => copy({ fn: () => 1 })).toThrow();
    expect(() => copy({ s: Symbol('x') })).toThrow();
  });

  it('returns primitives as they are', () => {
    expect(copy(3)).toBe(3);
    expect(copy('s')).toBe('s');
    expect(copy(null)).toBe(null);
  });
});
