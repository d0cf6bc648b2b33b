import { addDays, datesBetween, zoneClock, type ZoneClock } from './zone-clock.js';

/** Calendar bucket sizes of `analytics.volume`. */
export type VolumeInterval = 'hour' | 'day' | 'week';

const QUARTER_HOUR = 900_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Whole-hour boundaries (local minute 0) in `[from, to)`, ascending. */
function hourStarts(zone: ZoneClock, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
    const offset = zone.steadyOffsetAround(day);
    // Offsets are whole quarter hours: near an offset change, test each quarter hour of the day.
    const step = offset === null ? QUARTER_HOUR : HOUR;
    const first = offset === null ? day : day + ((((-offset) % HOUR) + HOUR) % HOUR);
    for (let t = first; t < day + DAY; t += step) {
      if (t < from || t >= to) continue;
      if (offset !== null || (t + zone.offsetAt(t)) % HOUR === 0) starts.push(t);
    }
  }
  return starts;
}

/** Local midnights in `[from, to)`, of every date or only of Mondays (ISO weeks). */
function midnights(zone: ZoneClock, from: number, to: number, mondaysOnly: boolean): number[] {
  const starts: number[] = [];
  for (const { date, day } of datesBetween(zone.dateAt(from), addDays(zone.dateAt(to), 1))) {
    if (mondaysOnly && day !== 1) continue;
    const start = zone.dayStart(date);
    if (start !== null && start >= from && start < to) starts.push(start);
  }
  return starts;
}

/**
 * The boundaries of `volume` buckets: `from`, every calendar boundary of `interval` in
 * `timeZone` strictly inside `(from, to)`, then `to`. Buckets therefore tile the window
 * exactly; the first and last may be partial. `hour` buckets start where the local clock
 * shows minute 0 (the repeated hour when clocks go back is two buckets; the skipped hour when
 * they go forward is none); `day` buckets start at local midnight; `week` buckets at local
 * midnight on Monday (ISO 8601). Pure; throws nothing (the kit validates the zone).
 */
export function bucketBoundaries(from: number, to: number, interval: VolumeInterval, timeZone: string): number[] {
  const zone = zoneClock(timeZone);
  const inner = interval === 'hour' ? hourStarts(zone, from, to) : midnights(zone, from, to, interval === 'week');
  return [from, ...inner.filter((t) => t > from), to];
}

/**
 * About how many buckets `bucketBoundaries` returns (±1 for DST and partial buckets), cheap to
 * compute first: the kit refuses years of hourly buckets without building them.
 */
export function estimateBuckets(from: number, to: number, interval: VolumeInterval): number {
  const size = interval === 'hour' ? HOUR : interval === 'day' ? DAY : 7 * DAY;
  return Math.ceil((to - from) / size);
}
