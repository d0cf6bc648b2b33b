import type { DayInterval, WorkingHours } from '../domain/working-hours.js';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/** How far ahead `nextWorkingHoursChange` looks: a year, plus a week so a yearly holiday list still finds the next start. */
const HORIZON_DAYS = 372;

/** A wall-clock reading in a time zone. */
export interface LocalTime {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Local weekday, 0 = Sunday … 6 = Saturday. */
  day: number;
  /** Minutes since local midnight (0–1439). */
  minute: number;
}

// Building an Intl.DateTimeFormat is slow; routing asks for the same few zones all the time.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of `at` in `timeZone`, as numbers. */
function wallClock(at: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour! % 24, min: parts.minute!, s: parts.second! };
}

/** Offset of `timeZone` from UTC at `at`, in ms (positive east of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(at / 1000) * 1000;
}

/** Reads the local date, weekday and minute of `at` in `timeZone`. */
export function localTime(at: number, timeZone: string): LocalTime {
  const w = wallClock(at, timeZone);
  return { date: isoDate(w.y, w.m, w.d), day: new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay(), minute: w.h * 60 + w.min };
}

/**
 * The instant when the wall clock in `timeZone` shows `minute` on `date`. An ambiguous local
 * time (clocks going back) resolves to its first occurrence; a skipped one (clocks going
 * forward) lands after the gap.
 */
export function zonedInstant(date: string, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d) + minute * MINUTE;
  // The offsets in force a day either side cover any single transition near this time.
  const before = offsetAt(asUtc - DAY_MINUTES * MINUTE, timeZone);
  const after = offsetAt(asUtc + DAY_MINUTES * MINUTE, timeZone);
  const matches = [asUtc - before, asUtc - after].filter((t) => t === asUtc - offsetAt(t, timeZone));
  // No match: the time was skipped; reading it with the old offset lands just after the gap.
  return matches.length > 0 ? Math.min(...matches) : asUtc - before;
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addDays(date: string, days: number): { date: string; day: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return { date: isoDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()), day: next.getUTCDay() };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The intervals of one local date: its exception if it has one (empty = day off), else its weekday's. */
export function intervalsOn(hours: WorkingHours, date: string, day: number): DayInterval[] {
  const exception = hours.exceptions.find((e) => e.date === date);
  return exception ? exception.intervals : hours.weekly.filter((w) => w.day === day);
}

/** True when `at` falls inside one of the working intervals of its local date. */
export function isWithinWorkingHours(hours: WorkingHours, at: number): boolean {
  const local = localTime(at, hours.timeZone);
  return intervalsOn(hours, local.date, local.day).some(
    (i) => toMinutes(i.start) <= local.minute && local.minute < Math.min(toMinutes(i.end), DAY_MINUTES),
  );
}

/**
 * The first instant after `at` when `isWithinWorkingHours` changes (an interval starts or
 * ends), or `null` when it does not change within about a year. Touching intervals (12:00–13:00
 * then 13:00–17:00, or 24:00 then 00:00 the next day) are one stretch: no change between them.
 * Used to schedule wake-ups, so precision is one minute.
 */
export function nextWorkingHoursChange(hours: WorkingHours, at: number): number | null {
  const within = isWithinWorkingHours(hours, at);
  const today = localTime(at, hours.timeZone).date;
  let lastSame = at;
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const { date, day } = addDays(today, offset);
    const boundaries = new Set<number>();
    for (const interval of intervalsOn(hours, date, day)) {
      boundaries.add(toMinutes(interval.start));
      boundaries.add(toMinutes(interval.end));
    }
    for (const minute of [...boundaries].sort((a, b) => a - b)) {
      const candidate = zonedInstant(date, minute, hours.timeZone);
      if (candidate <= lastSame) continue;
      if (isWithinWorkingHours(hours, candidate) === within) {
        lastSame = candidate;
        continue;
      }
      return firstChange(hours, lastSame, candidate, within);
    }
  }
  return null;
}

/**
 * Narrows a change known to lie in `(same, changed]` down to the minute. Needed because a
 * boundary inside a skipped DST hour (a 02:30 start on the spring-forward night) really takes
 * effect when the gap ends, earlier than its computed instant.
 */
function firstChange(hours: WorkingHours, same: number, changed: number, within: boolean): number {
  let lo = same;
  let hi = changed;
  for (;;) {
    const mid = Math.floor((lo + hi) / 2 / MINUTE) * MINUTE;
    if (mid <= lo) return hi;
    if (isWithinWorkingHours(hours, mid) === within) lo = mid;
    else hi = mid;
  }
}
