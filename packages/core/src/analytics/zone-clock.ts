import { localTime } from '../availability/working-hours.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The UTC day (midnight UTC, epoch ms) containing `at`. */
function utcDay(at: number): number {
  return Math.floor(at / DAY) * DAY;
}

/** `YYYY-MM-DD` of a UTC-midnight instant. */
export function isoDateOf(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

/** The UTC midnight of a `YYYY-MM-DD` date. */
export function utcMidnightOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** A stretch of time with one UTC offset. */
interface Segment {
  start: number;
  end: number;
  offset: number;
}

/**
 * Wall-clock arithmetic in one IANA time zone, fast enough to expand a year of working hours
 * or hourly buckets per report. Reading a zone through `Intl` costs microseconds, so offsets
 * are sampled once per UTC day and cached: a date whose neighbourhood has one offset converts
 * by plain arithmetic; near an offset change the change is located to the minute and each side
 * converts with its own offset. "Local time" means what the wall clock reads, exactly as
 * `isWithinWorkingHours` reads it (minute precision): a repeated hour is read twice, a
 * skipped one never.
 */
export class ZoneClock {
  private readonly dailyOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  /** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
  offsetAt(at: number): number {
    return this.reading(at) - Math.floor(at / MINUTE) * MINUTE;
  }

  /** The wall clock at `at` as if it were UTC (local date and minute, in epoch ms). */
  private reading(at: number): number {
    const local = localTime(at, this.timeZone);
    return utcMidnightOf(local.date) + local.minute * MINUTE;
  }

  /** The offset at the start of the UTC day `day` (a UTC midnight), cached. */
  private offsetOfDay(day: number): number {
    let offset = this.dailyOffsets.get(day);
    if (offset === undefined) {
      offset = this.offsetAt(day);
      this.dailyOffsets.set(day, offset);
    }
    return offset;
  }

  /**
   * The one offset in force from the UTC day before `at` to the end of the second day after,
   * or `null` when it changes in between. Offsets change at most twice a year, months apart,
   * so equal samples a day apart mean no change between them.
   */
  steadyOffsetAround(at: number): number | null {
    const day = utcDay(at);
    const offset = this.offsetOfDay(day - DAY);
    for (let other = day; other <= day + 2 * DAY; other += DAY) {
      if (this.offsetOfDay(other) !== offset) return null;
    }
    return offset;
  }

  /** `[day − 1, day + 3)` around `at`'s UTC day, cut where the offset changes (located to the minute). */
  private segmentsAround(at: number): Segment[] {
    const first = utcDay(at) - DAY;
    const segments: Segment[] = [{ start: -Infinity, end: Infinity, offset: this.offsetOfDay(first) }];
    for (let day = first; day < first + 3 * DAY; day += DAY) {
      const next = this.offsetOfDay(day + DAY);
      if (next === this.offsetOfDay(day)) continue;
      let lo = day;
      let hi = day + DAY;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (this.offsetAt(mid) === next) hi = mid;
        else lo = mid;
      }
      segments[segments.length - 1]!.end = hi;
      segments.push({ start: hi, end: Infinity, offset: next });
    }
    return segments;
  }

  /**
   * The instants whose wall clock reads a time in `[startMinute, endMinute)` (0–1440) of the
   * local date whose midnight-as-UTC is `midnight` (`Date.UTC` of the date), as sorted disjoint
   * intervals: one on most days, two when the range spans a repeated hour, a shorter one when it
   * spans a skipped hour, none when it lies inside one.
   */
  preimage(midnight: number, startMinute: number, endMinute: number): Array<[number, number]> {
    const [localStart, localEnd] = [midnight + startMinute * MINUTE, midnight + endMinute * MINUTE];
    const steady = this.steadyOffsetAround(midnight);
    if (steady !== null) return [[localStart - steady, localEnd - steady]];
    const parts: Array<[number, number]> = [];
    for (const { start, end, offset } of this.segmentsAround(midnight)) {
      const from = Math.max(start, localStart - offset);
      const to = Math.min(end, localEnd - offset);
      if (from < to) parts.push([from, to]);
    }
    return parts;
  }

  /**
   * The first instant of local `date` (its midnight, or the end of a gap that skips midnight),
   * or `null` for a date the zone skipped entirely (Samoa skipped 2011-12-30).
   */
  dayStart(date: string): number | null {
    return this.preimage(utcMidnightOf(date), 0, 24 * 60)[0]?.[0] ?? null;
  }

  /** The local calendar date (`YYYY-MM-DD`) at `at`. */
  dateAt(at: number): string {
    return localTime(at, this.timeZone).date;
  }
}

// Clocks are shared per zone, so the offsets one report sampled serve the next (and every
// profile in the same zone). Sampled days are a few hundred per zone-year; the cap only guards
// against callers cycling through endless zones.
const clocks = new Map<string, ZoneClock>();
const MAX_CLOCKS = 256;

/** The shared `ZoneClock` of `timeZone`. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    if (clocks.size >= MAX_CLOCKS) clocks.clear();
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The dates from `first` to `last` (inclusive, `YYYY-MM-DD`) with their weekday (0 = Sunday). */
export function* datesBetween(first: string, last: string): Generator<{ date: string; day: number }, void, undefined> {
  const end = utcMidnightOf(last);
  for (let at = utcMidnightOf(first); at <= end; at += DAY) {
    yield { date: isoDateOf(at), day: new Date(at).getUTCDay() };
  }
}

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return isoDateOf(utcMidnightOf(date) + days * DAY);
}
