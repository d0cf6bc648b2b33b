import { describe, expect, it } from 'vitest';
import { toSafeText, toSafeValue, unsafeTextIssues, unsafeTextReason } from './safe-text.js';

describe('safe text', () => {
  it('refuses NUL and lone surrogates, accepts well-formed pairs', () => {
    expect(unsafeTextReason('plain text, ünïcödé 😀')).toBeNull();
    expect(unsafeTextReason('a\u0000b')).toMatch(/NUL/);
    for (const lone of ['\uD800', 'x\uDBFFy', '\uDC00', 'a\uDFFF', '\uDE00\uD83D']) expect(unsafeTextReason(lone), JSON.stringify(lone)).toMatch(/surrogate/);
  });

  it('names the path of every unsafe string, keys included, and skips bytes', () => {
    const value = { text: 'ok', from: { name: 'x\u0000' }, tags: ['a', '\uD800'], 'k\u0000': 1, bytes: new Uint8Array([0, 0]) };
    expect(unsafeTextIssues(value).map((i) => i.path).sort()).toEqual(['from.name', 'k\u0000', 'tags[1]']);
    expect(unsafeTextIssues(['\u0000'])[0]?.path).toBe('[0]');
  });

  it('walks deep and cyclic values without overflowing or looping', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(unsafeTextIssues(deep)).toHaveLength(1);
    const cyclic: Record<string, unknown> = { name: '\uD800' };
    cyclic.self = cyclic;
    expect(unsafeTextIssues(cyclic).map((i) => i.path)).toEqual(['name']);
  });

  it('finds unsafe text under shared objects, and clears clean ones, without exploring every path', () => {
    // 2^40 paths over 41 objects: the quick pass gives up after its budget and the full walk visits each object once.
    let shared: unknown = { bottom: '\uDC00' };
    let clean: unknown = { bottom: 'fine' };
    for (let i = 0; i < 40; i++) {
      shared = { left: shared, right: shared };
      clean = { left: clean, right: clean };
    }
    expect(unsafeTextIssues(shared)).toHaveLength(1);
    expect(unsafeTextIssues(clean)).toEqual([]);
    expect(unsafeTextIssues({ a: ['ok', { b: 'ok' }], 'ké': 'ok 😀' })).toEqual([]);
  });

  it('toSafeText replaces what it refuses with U+FFFD and keeps the rest', () => {
    expect(toSafeText('a\u0000b\uD800c😀')).toBe('a\uFFFDb\uFFFDc😀');
    expect(unsafeTextReason(toSafeText('\uDC00\u0000\uD83D'))).toBeNull();
  });

  it('toSafeValue cleans every string of plain objects and arrays, leaving other values alone', () => {
    const bytes = new Uint8Array([1]);
    const cleaned = toSafeValue({ a: ['x\u0000'], 'k\uD800': 'v', n: 1, bytes });
    expect(cleaned).toEqual({ a: ['x\uFFFD'], 'k\uFFFD': 'v', n: 1, bytes });
    expect(cleaned.bytes).toBe(bytes);
    expect(unsafeTextIssues(cleaned)).toEqual([]);
  });
});
