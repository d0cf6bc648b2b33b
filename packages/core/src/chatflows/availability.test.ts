import { describe, expect, it } from 'vitest';
import { availabilitySettingsSchema, chatflowAvailability } from './availability.js';

// Oslo is UTC+1 in January: 09:00 local = 08:00Z. Mon 2026-01-05.
const settings = availabilitySettingsSchema.parse({
  officeHours: {
    timeZone: 'Europe/Oslo',
    weekly: [1, 2, 3, 4, 5].flatMap((day) => [
      { day, start: '09:00', end: '12:00' },
      { day, start: '13:00', end: '17:00' },
    ]),
    exceptions: [{ date: '2026-01-07', intervals: [] }],
  },
  awayMessage: 'We are away; leave your email and we will write back.',
  typicalReplyTime: 'hours',
  collectEmailWhenAway: true,
});
const at = (iso: string) => Date.parse(iso);

describe('chatflowAvailability', () => {
  it.each([
    ['inside the morning interval', '2026-01-05T08:30:00Z', true, null],
    ['at an interval start (inclusive)', '2026-01-05T08:00:00Z', true, null],
    ['at lunch, between two intervals of a day', '2026-01-05T11:30:00Z', false, '2026-01-05T12:00:00Z'],
    ['at an interval end (exclusive)', '2026-01-05T16:00:00Z', false, '2026-01-06T08:00:00Z'],
    ['before opening', '2026-01-06T07:59:00Z', false, '2026-01-06T08:00:00Z'],
    ['on a closed exception date', '2026-01-07T10:00:00Z', false, '2026-01-08T08:00:00Z'],
    ['on a weekend', '2026-01-10T10:00:00Z', false, '2026-01-12T08:00:00Z'],
  ])('%s', (_case, now, open, nextOpenAt) => {
    const availability = chatflowAvailability(settings, at(now));
    expect(availability.open).toBe(open);
    expect(availability.nextOpenAt).toBe(nextOpenAt === null ? null : at(nextOpenAt));
  });

  it('says what to show while closed', () => {
    expect(chatflowAvailability(settings, at('2026-01-10T10:00:00Z'))).toMatchObject({
      awayMessage: 'We are away; leave your email and we will write back.',
      collectEmail: true,
      typicalReplyTime: 'hours',
    });
  });

  it('shows no away message and collects no email while open', () => {
    expect(chatflowAvailability(settings, at('2026-01-05T08:30:00Z'))).toEqual({
      open: true,
      nextOpenAt: null,
      awayMessage: null,
      collectEmail: false,
      typicalReplyTime: 'hours',
    });
  });

  it('is always open without office hours', () => {
    const always = availabilitySettingsSchema.parse({ awayMessage: 'away', collectEmailWhenAway: true });
    expect(chatflowAvailability(always, at('2026-01-10T03:00:00Z'))).toMatchObject({ open: true, awayMessage: null, collectEmail: false });
  });

  it.each([
    [{ officeHours: { timeZone: 'Mars/Olympus', weekly: [] } }, 'officeHours.timeZone'],
    [{ officeHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '17:00', end: '09:00' }] } }, 'officeHours.weekly[0].end'],
    [{ typicalReplyTime: 'weeks' }, 'typicalReplyTime'],
  ])('refuses %j at %s', (input, path) => {
    const result = availabilitySettingsSchema.safeParse(input);
    expect(result.error?.issues.map((i) => i.path.map(String).join('.'))).toContainEqual(path.replace(/\[(\d+)\]/g, '.$1'));
  });
});
