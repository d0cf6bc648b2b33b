import type { DayInterval, WorkingHours } from '../domain/working-hours.js';
import { isoDateOf, utcMidnightOf, zoneClock } from './zone-clock.js';

const DAY = 86_400_000;

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

const minutesOf = (interval: DayInterval): [number, number] => [toMinutes(interval.start), toMinutes(interval.end)];

/**
 * The working intervals of `hours` that overlap `[from, to)`, as instants `[start, end)`:
 * sorted, clipped to the window, and merged where they overlap or touch (12:00–13:00 and
 * 13:00–17:00 are one stretch). Exceptions replace their date's weekly intervals. Working time is
 * exactly the time `isWithinWorkingHours` calls working (DST-correct: a repeated local hour
 * counts twice, a skipped one never).
 */
export function workingIntervals(hours: WorkingHours, from: number, to: number): Array<[number, number]> {
  if (!(from < to)) return [];
  const zone = zoneClock(hours.timeZone);
  // The rule of `intervalsOn`, read once: an exception replaces its date's weekly intervals.
  const weekly = Array.from({ length: 7 }, (_, day) => hours.weekly.filter((w) => w.day === day).map(minutesOf));
  const exceptions = new Map(hours.exceptions.map((e) => [e.date, e.intervals.map(minutesOf)]));
  const raw: Array<[number, number]> = [];
  // A day either side: an interval of the local date before `from` may still run into it.
  const last = utcMidnightOf(zone.dateAt(to)) + DAY;
  for (let midnight = utcMidnightOf(zone.dateAt(from)) - DAY; midnight <= last; midnight += DAY) {
    const ranges = (exceptions.size > 0 && exceptions.get(isoDateOf(midnight))) || weekly[new Date(midnight).getUTCDay()]!;
    for (const [startMinute, endMinute] of ranges) {
      for (const [start, end] of zone.preimage(midnight, startMinute, endMinute)) {
        if (Math.max(from, start) < Math.min(to, end)) raw.push([Math.max(from, start), Math.min(to, end)]);
      }
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of raw) {
    const previous = merged[merged.length - 1];
    if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Working time as a running total: `at(t)` is the working ms between the start of the span
 * and `t`, so the working time of any `[a, b)` inside the span is `at(b) - at(a)`, found by
 * binary search instead of a walk over days. SQL stores get the same arrays (`starts`,
 * `ends`, `before`) and evaluate `at` with `width_bucket`, so both compute identical numbers.
 */
export class WorkingTime {
  /** Interval starts, ascending. */
  readonly starts: number[];
  /** Interval ends (`ends[i]` pairs with `starts[i]`). */
  readonly ends: number[];
  /** Working ms in the intervals before `i`: `before[i] = Σ (ends[j] - starts[j]), j < i`. */
  readonly before: number[];

  /** Builds from sorted, disjoint intervals (as `workingIntervals` returns them). */
  constructor(intervals: ReadonlyArray<readonly [number, number]>) {
    this.starts = intervals.map(([start]) => start);
    this.ends = intervals.map(([, end]) => end);
    this.before = [];
    let total = 0;
    for (const [start, end] of intervals) {
      this.before.push(total);
      total += end - start;
    }
  }

  /** The working time of `hours` over `[from, to)`. */
  static of(hours: WorkingHours, from: number, to: number): WorkingTime {
    return new WorkingTime(workingIntervals(hours, from, to));
  }

  /** Working ms from the start of the span up to `t`. */
  at(t: number): number {
    // The number of intervals starting at or before t (what SQL's width_bucket returns).
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const i = lo - 1;
    return this.before[i]! + Math.min(t, this.ends[i]!) - this.starts[i]!;
  }

  /** Working ms in `[a, b)`; 0 when `b <= a`. */
  between(a: number, b: number): number {
    return b > a ? this.at(b) - this.at(a) : 0;
  }
}
