import { describe, expect, it } from 'vitest';
import { durationStats, percentileCont } from './duration-stats.js';

describe('durationStats', () => {
  it.each([
    ['no durations', [], { count: 0, avg: null, median: null, p90: null }],
    ['one duration', [5], { count: 1, avg: 5, median: 5, p90: 5 }],
    // p90 of four: position 0.9·3 = 2.7 → 3 + 0.7·(4 − 3)
    ['even count interpolates', [1, 2, 3, 4], { count: 4, avg: 2.5, median: 2.5, p90: 3.7 }],
    // sorted 0, 10, 20: p90 position 1.8 → 10 + 0.8·10
    ['unsorted input', [20, 0, 10], { count: 3, avg: 10, median: 10, p90: 18 }],
    // exact position 0.9·10 = 9 → the 10th value, no interpolation
    ['exact rank', [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], { count: 11, avg: 60, median: 60, p90: 100 }],
  ])('%s', (_name, values, expected) => {
    expect(durationStats([...values])).toEqual(expected);
  });

  it('gives the same figures for a Float64Array', () => {
    expect(durationStats(Float64Array.from([3, 1, 2]))).toEqual(durationStats([3, 1, 2]));
  });

  it('sorts numerically, not as strings', () => {
    expect(percentileCont([9, 10, 100].sort((a, b) => a - b), 0.5)).toBe(10);
    expect(durationStats([100, 9, 10]).median).toBe(10);
  });
});
