import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinWorkingHours } from '../availability/working-hours.js';
import { workingHoursSchema, type WorkingHours } from '../domain/working-hours.js';
import { WorkingTime, workingIntervals } from './working-time.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const hours = (input: Partial<WorkingHours> & { timeZone: string }): WorkingHours => workingHoursSchema.parse(input);
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const everyDay = (start: string, end: string) => [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start, end }));

const oslo = hours({ timeZone: 'Europe/Oslo', weekly: weekdays('09:00', '17:00'), exceptions: [{ date: '2026-01-06', intervals: [] }] });
const tokyo = hours({ timeZone: 'Asia/Tokyo', weekly: weekdays('09:00', '18:00') });
const newYorkAllDay = hours({ timeZone: 'America/New_York', weekly: everyDay('00:00', '24:00') });

describe('WorkingTime', () => {
  it.each([
    // Friday 2026-01-09 16:00 Oslo (15:00Z) → Monday 10:00 Oslo (09:00Z): 1 h Friday + 1 h Monday.
    ['overnight across a weekend', oslo, '2026-01-09T15:00:00Z', '2026-01-12T09:00:00Z', 2 * HOUR],
    // Monday 16:30 → Wednesday 09:30: 30 min Monday, Tuesday is a holiday, 30 min Wednesday.
    ['a holiday exception counts nothing', oslo, '2026-01-05T15:30:00Z', '2026-01-07T08:30:00Z', HOUR],
    ['entirely outside working hours', oslo, '2026-01-05T17:00:00Z', '2026-01-06T07:00:00Z', 0],
    // 23:00Z Monday = 08:00 Tuesday in Tokyo; 10:00Z = 19:00: the whole 9 h day.
    ['a window that is night in UTC and a working day in Tokyo', tokyo, '2026-01-05T23:00:00Z', '2026-01-06T10:00:00Z', 9 * HOUR],
    // New York springs forward on 2026-03-08: that local day lasts 23 hours.
    ['a spring-forward day is 23 working hours', newYorkAllDay, '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23 * HOUR],
    // ...and falls back on 2026-11-01: 25 hours.
    ['a fall-back day is 25 working hours', newYorkAllDay, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25 * HOUR],
  ])('%s', (_name, workingHours, a, b, expected) => {
    expect(WorkingTime.of(workingHours, at(a), at(b)).between(at(a), at(b))).toBe(expected);
  });

  it('an interval starting inside a skipped hour takes effect when the gap ends', () => {
    // 02:30–05:00 on the spring-forward Sunday: 02:30 never shows, work starts at 03:00 EDT (07:00Z).
    const sunday = hours({ timeZone: 'America/New_York', weekly: [{ day: 0, start: '02:30', end: '05:00' }] });
    expect(workingIntervals(sunday, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toEqual([[at('2026-03-08T07:00:00Z'), at('2026-03-08T09:00:00Z')]]);
  });

  it('merges touching and overlapping intervals into one stretch', () => {
    const split = hours({ timeZone: 'UTC', weekly: [{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '12:00', end: '13:00' }, { day: 1, start: '11:00', end: '14:00' }] });
    expect(workingIntervals(split, at('2026-01-05T00:00:00Z'), at('2026-01-06T00:00:00Z'))).toEqual([[at('2026-01-05T09:00:00Z'), at('2026-01-05T14:00:00Z')]]);
  });

  it('clips intervals to the span and counts nothing outside it', () => {
    const time = WorkingTime.of(oslo, at('2026-01-05T10:00:00Z'), at('2026-01-05T12:00:00Z'));
    expect(time.starts).toEqual([at('2026-01-05T10:00:00Z')]);
    expect(time.at(at('2026-01-05T09:00:00Z'))).toBe(0);
    expect(time.at(at('2026-01-05T13:00:00Z'))).toBe(2 * HOUR);
    expect(time.between(at('2026-01-05T11:00:00Z'), at('2026-01-05T10:00:00Z'))).toBe(0);
  });

  it('agrees with isWithinWorkingHours minute by minute, across DST changes and zones', () => {
    const zones = ['Europe/Oslo', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45));
    const interval = fc.tuple(fc.integer({ min: 0, max: 6 }), clock, fc.integer({ min: 15, max: 600 })).map(([day, [h, m], length]) => {
      const start = h * 60 + m;
      const end = Math.min(24 * 60, start + length);
      const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      return { day, start: hhmm(start), end: hhmm(end) };
    });
    // Windows of up to three days around the 2026 DST changes of these zones.
    const anchors = ['2026-03-08T00:00:00Z', '2026-03-29T00:00:00Z', '2026-04-05T00:00:00Z', '2026-10-04T00:00:00Z', '2026-10-25T00:00:00Z', '2026-11-01T00:00:00Z'].map(at);
    const window = fc.tuple(fc.constantFrom(...anchors), fc.integer({ min: -36 * 60, max: 36 * 60 }), fc.integer({ min: 1, max: 72 * 60 }));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(interval, { minLength: 1, maxLength: 4 }), window, (timeZone, weekly, [anchor, shift, length]) => {
        const workingHours = hours({ timeZone, weekly });
        const from = anchor + shift * MINUTE;
        const to = from + length * MINUTE;
        let expected = 0;
        for (let t = from; t < to; t += MINUTE) if (isWithinWorkingHours(workingHours, t)) expected += MINUTE;
        expect(WorkingTime.of(workingHours, from, to).between(from, to)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});
