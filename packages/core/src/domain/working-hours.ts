import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM (00:00–24:00)');

/** A time interval within one day, `start` inclusive, `end` exclusive, local time. */
export const dayIntervalSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((i) => i.start < i.end, { message: 'start must be before end', path: ['end'] });
/** A time interval within one day. */
export type DayInterval = z.infer<typeof dayIntervalSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name such as `Europe/Oslo`. */
export const timeZoneSchema = z.string().refine(isTimeZone, { message: 'unknown IANA time zone' });

/**
 * Weekly working hours in an IANA time zone. `weekly` holds intervals per weekday
 * (0 = Sunday … 6 = Saturday; several per day allowed); `exceptions` replace a whole
 * date's intervals (an empty list = a day off, e.g. a holiday).
 */
export const workingHoursSchema = z.strictObject({
  timeZone: timeZoneSchema,
  weekly: z.array(z.strictObject({ day: z.number().int().min(0).max(6) }).and(dayIntervalSchema)).default([]),
  exceptions: z
    .array(z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), intervals: z.array(dayIntervalSchema) }))
    .default([]),
});
/** Weekly working hours in an IANA time zone. */
export type WorkingHours = z.infer<typeof workingHoursSchema>;
