import { describe, expect, it } from 'vitest';
import { randomToken, sortableIds } from './ids.js';

describe('sortableIds', () => {
  it('makes prefixed ids that sort in creation order, even within one millisecond', () => {
    let now = 1_700_000_000_000;
    const ids = sortableIds(() => now);
    const made = Array.from({ length: 1000 }, (_, i) => {
      if (i % 100 === 0) now += 1;
      return ids.next('conv');
    });
    expect(made.every((id) => /^conv_[0-9a-z]{26}$/.test(id))).toBe(true);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('stays monotonic when the clock goes backwards', () => {
    let now = 2_000;
    const ids = sortableIds(() => now);
    const a = ids.next('x');
    now = 1_000;
    expect(ids.next('x') > a).toBe(true);
  });

  it('random tokens have the requested length and vary', () => {
    expect(randomToken(20)).toMatch(/^[0-9a-z]{20}$/);
    expect(randomToken(20)).not.toBe(randomToken(20));
  });
});
