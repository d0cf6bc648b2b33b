import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charSet, complement, has, intersects, union } from './char-set.js';
import { compileSafeRegex } from './index.js';

function compiled(pattern: string) {
  const result = compileSafeRegex(pattern);
  if (!result.ok) throw new Error(`expected "${pattern}" to compile: ${result.message}`);
  return result.regex;
}

describe('char sets', () => {
  it.each([
    { a: [[0x61, 0x63]], b: [[0x63, 0x65]], meets: true },
    { a: [[0x61, 0x62]], b: [[0x63, 0x65]], meets: false },
    { a: [[0x30, 0x39], [0x61, 0x7a]], b: [[0x40, 0x60]], meets: false },
  ] as const)('intersects($a, $b) = $meets', ({ a, b, meets }) => {
    expect(intersects(charSet(a), charSet(b))).toBe(meets);
  });

  it('merges overlapping and adjacent ranges, and complements within 0–0xFFFF', () => {
    const set = union(charSet([[0x61, 0x62]]), charSet([[0x63, 0x64], [0x30, 0x30]]));
    expect(set).toEqual([0x30, 0x30, 0x61, 0x64]);
    expect(complement(set)).toEqual([0, 0x2f, 0x31, 0x60, 0x65, 0xffff]);
    expect([has(set, 0x62), has(set, 0x65), has(complement(set), 0xffff)]).toEqual([true, false, true]);
  });
});

describe('compileSafeRegex refuses', () => {
  it.each([
    ['(a+)+$', 'contains another quantifier'],
    ['(a*)*b', 'contains another quantifier'],
    ['(\\w+\\.)+com', 'contains another quantifier'],
    ['(x+x+)+y', 'contains another quantifier'],
    ['(a|ab)*c', 'alternatives that can match the same text'],
    ['(\\d|\\w)+$', 'alternatives that can match the same text'],
    ['(a|)+b', 'alternatives that can match the same text'],
    ['(.*){3}', 'contains another quantifier'],
    ['(a)\\1', 'backreference'],
    ['(?<n>a)\\k<n>', 'backreference'],
    ['a(?=b)', 'lookaround'],
    ['(?<!a)b', 'lookaround'],
    ['[', 'invalid regular expression'],
    ['a{2,1}', 'invalid regular expression'],
    ['(x{100}){100}y+', 'too large'],
    ['a'.repeat(501), 'longer than 500'],
  ])('%s (%s)', (pattern, reason) => {
    const result = compileSafeRegex(pattern);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(reason);
  });

  it('quotes the offending part of the pattern', () => {
    const result = compileSafeRegex('^/blog/(\\w+-?)+$');
    expect(!result.ok && result.message).toContain('"(\\w+-?)+"');
  });
});

describe('compileSafeRegex accepts and matches like RegExp', () => {
  it.each([
    ['^/blog/\\d{4}/', 'https://x/blog/2024/a', false],
    ['/blog/\\d{4}/', 'https://x/blog/2024/a', true],
    ['(\\d{3}-)+\\d{4}$', '555-123-4567', true],
    ['(foo|bar)+$', 'xfoobarfoo', true],
    ['pric(e|ing)', '/pricing', true],
    ['\\bfoo\\b', 'a foo b', true],
    ['\\bfoo\\b', 'afoob', false],
    ['\\Boo\\B', 'afoob', true],
    ['[^/]+\\.pdf$', '/docs/guide.pdf', true],
    ['[a-\\d]', '-', true],
    ['\\x41\\u0042\\cJ', 'AB\n', true],
    ['\\u{2}', 'uu', true],
    ['a{,2}', 'a{,2}', true],
    ['[\\b]', '\b', true],
    ['^$', '', true],
    ['(?:a|b)?c*$', 'zzz', true],
    ['(?<word>ab)c', 'xabc', true],
  ])('%s on %j → %s', (pattern, input, expected) => {
    expect(compiled(pattern).test(input)).toBe(expected);
    expect(new RegExp(pattern).test(input)).toBe(expected);
  });

  it('runs polynomial patterns on adversarial input without backtracking', () => {
    // A backtracking engine needs minutes for this; the linear engine reads the input once.
    expect(compiled('.*a.*b.*c').test('ab'.repeat(2048))).toBe(false);
    expect(compiled('^(a|b)*c').test('ab'.repeat(4096))).toBe(false);
  });

  it('agrees with RegExp on every accepted pattern (property)', () => {
    const atom = fc.constantFrom('a', 'b', '.', '\\d', '\\w', '[ab]', '[^a]', '^', '$', '\\b', 'ab');
    const pattern = fc.letrec<{ p: string }>((tie) => ({
      p: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('p'), tie('p')).map(([x, y]) => x + y),
        fc.tuple(tie('p'), tie('p')).map(([x, y]) => `(?:${x}|${y})`),
        fc.tuple(tie('p'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '*?')).map(([x, q]) => `(?:${x})${q}`),
      ),
    })).p;
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[ab1 -]{0,12}$/), (source, input) => {
        const result = compileSafeRegex(source);
        fc.pre(result.ok);
        expect(result.ok && result.regex.test(input)).toBe(new RegExp(source).test(input));
      }),
      { numRuns: 1500 },
    );
  });
});
