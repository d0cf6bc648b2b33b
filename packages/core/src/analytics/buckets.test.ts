import { describe, expect, it } from 'vitest';
import { bucketBoundaries, estimateBuckets, type VolumeInterval } from './buckets.js';

const at = (iso: string) => Date.parse(iso);

describe('bucketBoundaries', () => {
  it.each<[string, VolumeInterval, string, string, string, string[]]>([
    [
      // Oslo springs forward on 2026-03-29: midnights are 23:00Z before and 22:00Z after.
      'days in Oslo across the spring-forward change',
      'day', 'Europe/Oslo', '2026-03-28T12:00:00Z', '2026-03-31T00:00:00Z',
      ['2026-03-28T12:00:00Z', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', '2026-03-30T22:00:00Z', '2026-03-31T00:00:00Z'],
    ],
    [
      // New York falls back at 06:00Z on 2026-11-01: 01:00 EDT and 01:00 EST are two buckets.
      'hours in New York across the fall-back change',
      'hour', 'America/New_York', '2026-11-01T04:30:00Z', '2026-11-01T08:00:00Z',
      ['2026-11-01T04:30:00Z', '2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z'],
    ],
    [
      'hours in a half-hour zone start at half past in UTC',
      'hour', 'Asia/Kolkata', '2026-01-05T00:00:00Z', '2026-01-05T02:00:00Z',
      ['2026-01-05T00:00:00Z', '2026-01-05T00:30:00Z', '2026-01-05T01:30:00Z', '2026-01-05T02:00:00Z'],
    ],
    [
      // Lord Howe moves its clocks back by 30 minutes at 15:00Z on 2026-04-04 (02:00 → 01:30).
      'hours where the offset changes by half an hour',
      'hour', 'Australia/Lord_Howe', '2026-04-04T13:00:00Z', '2026-04-04T17:00:00Z',
      ['2026-04-04T13:00:00Z', '2026-04-04T14:00:00Z', '2026-04-04T15:30:00Z', '2026-04-04T16:30:00Z', '2026-04-04T17:00:00Z'],
    ],
    [
      'weeks start on Monday',
      'week', 'UTC', '2026-01-07T00:00:00Z', '2026-01-21T00:00:00Z',
      ['2026-01-07T00:00:00Z', '2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z', '2026-01-21T00:00:00Z'],
    ],
    [
      // Tokyo's Monday 2026-01-12 starts at 15:00Z on Sunday.
      'weeks start on the local Monday',
      'week', 'Asia/Tokyo', '2026-01-10T00:00:00Z', '2026-01-14T00:00:00Z',
      ['2026-01-10T00:00:00Z', '2026-01-11T15:00:00Z', '2026-01-14T00:00:00Z'],
    ],
    [
      // Samoa skipped 2011-12-30 when it moved across the date line: no bucket starts that day.
      'a date the zone skipped has no bucket',
      'day', 'Pacific/Apia', '2011-12-29T00:00:00Z', '2012-01-01T00:00:00Z',
      ['2011-12-29T00:00:00Z', '2011-12-29T10:00:00Z', '2011-12-30T10:00:00Z', '2011-12-31T10:00:00Z', '2012-01-01T00:00:00Z'],
    ],
    ['a window inside one bucket is one bucket', 'day', 'UTC', '2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z', ['2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z']],
    ['a window starting on a boundary does not repeat it', 'day', 'UTC', '2026-01-05T00:00:00Z', '2026-01-06T12:00:00Z', ['2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z', '2026-01-06T12:00:00Z']],
  ])('%s', (_name, interval, timeZone, from, to, expected) => {
    expect(bucketBoundaries(at(from), at(to), interval, timeZone).map((t) => new Date(t).toISOString())).toEqual(expected.map((iso) => new Date(iso).toISOString()));
  });

  it('estimates the bucket count within one of the real count', () => {
    const [from, to] = [at('2026-01-01T00:00:00Z'), at('2026-07-01T00:00:00Z')];
    for (const interval of ['hour', 'day', 'week'] as const) {
      const real = bucketBoundaries(from, to, interval, 'Europe/Oslo').length - 1;
      expect(Math.abs(estimateBuckets(from, to, interval) - real), interval).toBeLessThanOrEqual(1);
    }
  });
});
