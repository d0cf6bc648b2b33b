import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingHoursSchema, type WorkingHours } from '../domain/working-hours.js';
import { isWithinWorkingHours, localTime, nextWorkingHoursChange, zonedInstant } from './working-hours.js';

const at = (iso: string) => Date.parse(iso);
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const hours = (input: Partial<WorkingHours> & { timeZone: string }): WorkingHours => workingHoursSchema.parse(input);

// Oslo office: two intervals a day with a lunch break; 2026-01-05 is a Monday (UTC+1 in winter).
const oslo = hours({
  timeZone: 'Europe/Oslo',
  weekly: [...weekdays('08:00', '12:00'), ...weekdays('13:00', '17:00')],
  exceptions: [
    { date: '2026-01-06', intervals: [] }, // holiday
    { date: '2026-01-07', intervals: [{ start: '10:00', end: '14:00' }] }, // short day
    { date: '2026-01-10', intervals: [{ start: '10:00', end: '12:00' }] }, // extra Saturday
  ],
});
const newYork = hours({ timeZone: 'America/New_York', weekly: weekdays('09:00', '17:00') });

describe('localTime and zonedInstant', () => {
  it.each([
    ['2026-01-04T23:30:00Z', 'Asia/Tokyo', { date: '2026-01-05', day: 1, minute: 8 * 60 + 30 }],
    ['2026-01-05T03:30:00Z', 'Asia/Kolkata', { date: '2026-01-05', day: 1, minute: 9 * 60 }],
    ['2026-03-08T07:00:00Z', 'America/New_York', { date: '2026-03-08', day: 0, minute: 3 * 60 }],
  ])('%s in %s', (iso, tz, expected) => {
    expect(localTime(at(iso), tz)).toEqual(expected);
  });

  it.each([
    ['plain winter time', '2026-01-05', 9 * 60, 'Europe/Oslo', '2026-01-05T08:00:00Z'],
    ['half-hour offset', '2026-01-05', 9 * 60, 'Asia/Kolkata', '2026-01-05T03:30:00Z'],
    ['summer time', '2026-03-09', 9 * 60, 'America/New_York', '2026-03-09T13:00:00Z'],
    ['ambiguous hour resolves to its first occurrence', '2026-11-01', 90, 'America/New_York', '2026-11-01T05:30:00Z'],
    ['ambiguous hour east of UTC too', '2026-10-25', 150, 'Europe/Oslo', '2026-10-25T00:30:00Z'],
    ['skipped time lands after the gap', '2026-03-08', 150, 'America/New_York', '2026-03-08T07:30:00Z'],
    ['24:00 is the next midnight', '2026-01-05', 24 * 60, 'Europe/Oslo', '2026-01-05T23:00:00Z'],
  ])('%s', (_name, date, minute, tz, expected) => {
    expect(new Date(zonedInstant(date, minute, tz)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('isWithinWorkingHours', () => {
  it.each([
    ['morning interval', oslo, '2026-01-05T07:30:00Z', true],
    ['a minute before the start', oslo, '2026-01-05T06:59:00Z', false],
    ['lunch break between two intervals', oslo, '2026-01-05T11:30:00Z', false],
    ['afternoon interval starts (inclusive)', oslo, '2026-01-05T12:00:00Z', true],
    ['end is exclusive', oslo, '2026-01-05T16:00:00Z', false],
    ['holiday exception', oslo, '2026-01-06T09:00:00Z', false],
    ['short-day exception replaces the weekday', oslo, '2026-01-07T08:00:00Z', false],
    ['inside the short day', oslo, '2026-01-07T09:30:00Z', true],
    ['exception adds hours on a weekend', oslo, '2026-01-10T09:30:00Z', true],
    ['plain weekend', oslo, '2026-01-11T09:30:00Z', false],
    ['09:00 EST before the DST switch', newYork, '2026-03-06T14:00:00Z', true],
    ['08:30 EST', newYork, '2026-03-06T13:30:00Z', false],
    ['09:00 EDT after the DST switch', newYork, '2026-03-09T13:00:00Z', true],
    ['16:59 EDT', newYork, '2026-03-09T20:59:00Z', true],
    ['17:00 EDT', newYork, '2026-03-09T21:00:00Z', false],
    ['local Monday while UTC is still Sunday', hours({ timeZone: 'Asia/Tokyo', weekly: [{ day: 1, start: '08:00', end: '17:00' }] }), '2026-01-04T23:00:00Z', true],
    ['interval ending at 24:00', hours({ timeZone: 'UTC', weekly: [{ day: 1, start: '22:00', end: '24:00' }] }), '2026-01-05T23:59:00Z', true],
    ['no weekly hours at all', hours({ timeZone: 'UTC' }), '2026-01-05T12:00:00Z', false],
  ])('%s', (_name, wh, iso, expected) => {
    expect(isWithinWorkingHours(wh, at(iso))).toBe(expected);
  });
});

describe('nextWorkingHoursChange', () => {
  const sunday = (start: string, end: string) => [{ day: 0, start, end }];
  it.each([
    ['end of the morning interval', oslo, '2026-01-05T07:30:00Z', '2026-01-05T11:00:00Z'],
    ['end of the lunch break', oslo, '2026-01-05T11:30:00Z', '2026-01-05T12:00:00Z'],
    ['skips the holiday to the short day', oslo, '2026-01-05T17:00:00Z', '2026-01-07T09:00:00Z'],
    ['finds the extra Saturday', oslo, '2026-01-09T16:30:00Z', '2026-01-10T09:00:00Z'],
    ['touching intervals are one stretch', hours({ timeZone: 'Europe/Oslo', weekly: [...weekdays('08:00', '12:00'), ...weekdays('12:00', '17:00')] }), '2026-01-05T07:30:00Z', '2026-01-05T16:00:00Z'],
    ['overnight across midnight', hours({ timeZone: 'Europe/Oslo', weekly: [{ day: 1, start: '22:00', end: '24:00' }, { day: 2, start: '00:00', end: '06:00' }] }), '2026-01-05T21:30:00Z', '2026-01-06T05:00:00Z'],
    ['across the spring DST weekend', newYork, '2026-03-06T22:00:00Z', '2026-03-09T13:00:00Z'],
    ['start inside the skipped hour takes effect when the gap ends', hours({ timeZone: 'America/New_York', weekly: sunday('02:30', '04:00') }), '2026-03-08T05:00:00Z', '2026-03-08T07:00:00Z'],
    ['fall-back: start at the first 01:00', hours({ timeZone: 'America/New_York', weekly: sunday('01:00', '02:00') }), '2026-11-01T04:00:00Z', '2026-11-01T05:00:00Z'],
    ['fall-back: the repeated hour counts, end at 02:00 EST', hours({ timeZone: 'America/New_York', weekly: sunday('01:00', '02:00') }), '2026-11-01T05:30:00Z', '2026-11-01T07:00:00Z'],
    ['fall-back east of UTC: start at the first 02:00', hours({ timeZone: 'Europe/Oslo', weekly: sunday('02:00', '03:00') }), '2026-10-24T22:00:00Z', '2026-10-25T00:00:00Z'],
    ['fall-back east of UTC: end after both 02:00 hours', hours({ timeZone: 'Europe/Oslo', weekly: sunday('02:00', '03:00') }), '2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z'],
    ['only an exception months ahead', hours({ timeZone: 'UTC', exceptions: [{ date: '2026-06-01', intervals: [{ start: '09:00', end: '10:00' }] }] }), '2026-01-05T00:00:00Z', '2026-06-01T09:00:00Z'],
  ])('%s', (_name, wh, iso, expected) => {
    const next = nextWorkingHoursChange(wh, at(iso));
    expect(next === null ? null : new Date(next).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each([
    ['never working', hours({ timeZone: 'Europe/Oslo' })],
    ['always working', hours({ timeZone: 'Europe/Oslo', weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })) })],
  ])('is null when nothing changes: %s', (_name, wh) => {
    expect(nextWorkingHoursChange(wh, at('2026-01-05T12:00:00Z'))).toBeNull();
  });

  it('returns the first minute at which the state differs (property)', () => {
    const zones = ['Europe/Oslo', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Auckland'];
    const hhmm = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => q * 15);
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 6 }), hhmm, hhmm)
      .filter(([, a, b]) => a !== b)
      .map(([day, a, b]) => ({ day, start: fmt(Math.min(a, b)), end: fmt(Math.max(a, b)) }));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(interval, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }),
        (timeZone, weekly, now) => {
          const wh = hours({ timeZone, weekly });
          const next = nextWorkingHoursChange(wh, now);
          expect(next).not.toBeNull();
          const before = isWithinWorkingHours(wh, now);
          expect(isWithinWorkingHours(wh, next!)).toBe(!before);
          // Nothing changes before it: sample the stretch and its last minute.
          const probes = Array.from({ length: 24 }, (_, i) => now + Math.floor(((next! - now) * i) / 24));
          if (next! - 60_000 > now) probes.push(next! - 60_000);
          for (const probe of probes) expect(isWithinWorkingHours(wh, probe)).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function fmt(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
