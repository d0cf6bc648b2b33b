import { describe, expect, it } from 'vitest';
import type { User } from '../domain/user.js';
import { isUserAvailable, unavailableReason, workingHoursResumeAt } from './user-availability.js';

type Person = Pick<User, 'availability' | 'workingHours'>;

// Weekdays 09:00–17:00 in New York; 2026-01-05 is a Monday (UTC−5).
const nineToFive: Person['workingHours'] = {
  timeZone: 'America/New_York',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
  exceptions: [],
};
const noon = Date.parse('2026-01-05T17:00:00Z'); // 12:00 in New York
const evening = Date.parse('2026-01-05T23:00:00Z'); // 18:00 in New York

describe('unavailableReason / isUserAvailable', () => {
  it.each<[string, Person, number, ReturnType<typeof unavailableReason>]>([
    ['available, no working hours', { availability: 'available', workingHours: null }, evening, null],
    ['away wins over working hours', { availability: 'away', workingHours: nineToFive }, noon, 'away'],
    ['available within hours', { availability: 'available', workingHours: nineToFive }, noon, null],
    ['available but outside hours in their time zone', { availability: 'available', workingHours: nineToFive }, evening, 'outside-working-hours'],
  ])('%s', (_name, person, when, reason) => {
    expect(unavailableReason(person, when)).toBe(reason);
    expect(isUserAvailable(person, when)).toBe(reason === null);
  });
});

describe('workingHoursResumeAt', () => {
  it('is the next start when outside working hours', () => {
    expect(workingHoursResumeAt({ workingHours: nineToFive }, evening)).toBe(Date.parse('2026-01-06T14:00:00Z'));
  });

  it.each([
    ['within working hours', nineToFive, noon],
    ['no working hours', null, evening],
  ])('is null %s', (_name, workingHours, when) => {
    expect(workingHoursResumeAt({ workingHours }, when)).toBeNull();
  });
});
