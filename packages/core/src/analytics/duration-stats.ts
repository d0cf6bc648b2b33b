import type { DurationStats } from '../storage/analytics-store.js';

/** The figures of an empty set of durations. */
export const NO_DURATIONS: DurationStats = Object.freeze({ count: 0, avg: null, median: null, p90: null });

/**
 * The `p`-quantile (0–1) of ascending `sorted` values by linear interpolation between the
 * closest ranks, computed exactly as PostgreSQL's `percentile_cont` does (same operations in
 * the same order, so both give the same double): position `p·(n−1)`, then
 * `lo + (position − ⌊position⌋)·(hi − lo)`.
 */
export function percentileCont(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const position = p * (n - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const lo = sorted[first]!;
  if (first === second) return lo;
  return lo + (position - first) * (sorted[second]! - lo);
}

/**
 * `count`, `avg`, `median` and `p90` of durations (ms), not rounded. Sorts `values` in place
 * (callers pass a buffer they own). `avg` divides the exact integer sum once, as SQL's
 * `sum(x)::float8 / count(x)` does.
 */
export function durationStats(values: Float64Array | number[]): DurationStats {
  if (values.length === 0) return NO_DURATIONS;
  const sorted = values instanceof Float64Array ? values.sort() : values.sort((a, b) => a - b);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  return {
    count: sorted.length,
    avg: sum / sorted.length,
    median: percentileCont(sorted, 0.5),
    p90: percentileCont(sorted, 0.9),
  };
}
