import { z } from 'zod';
import { workingHoursSchema } from '../domain/working-hours.js';
import { isWithinWorkingHours, nextWorkingHoursChange } from '../availability/working-hours.js';

/** How soon visitors can expect an answer, as the widget words it. */
export const typicalReplyTimeSchema = z.enum(['minutes', 'hours', 'day']);
/** How soon visitors can expect an answer. */
export type TypicalReplyTime = z.infer<typeof typicalReplyTimeSchema>;

/**
 * What a chatflow does outside office hours. `officeHours` are weekly intervals in an IANA time
 * zone (several a day, exceptions by date); `null` means always open.
 */
export const availabilitySettingsSchema = z.strictObject({
  officeHours: workingHoursSchema.nullable().default(null),
  /** Shown instead of the welcome message outside office hours. */
  awayMessage: z.string().trim().min(1).max(2000).nullable().default(null),
  typicalReplyTime: typicalReplyTimeSchema.nullable().default(null),
  /** Outside office hours, ask the visitor for an email address to answer later. */
  collectEmailWhenAway: z.boolean().default(false),
});
/** What a chatflow does outside office hours. */
export type AvailabilitySettings = z.infer<typeof availabilitySettingsSchema>;
/** Availability settings as written by callers. */
export type AvailabilitySettingsInput = z.input<typeof availabilitySettingsSchema>;

/** Whether a chatflow is inside its office hours now, and what the widget shows when not. */
export interface ChatflowAvailability {
  /** Inside office hours (always `true` without office hours). */
  open: boolean;
  /** When closed: the next opening (epoch ms), `null` when open or none within a year. */
  nextOpenAt: number | null;
  /** When closed: the away message to show, if any. */
  awayMessage: string | null;
  /** When closed: whether to ask for an email address. */
  collectEmail: boolean;
  /** The typical reply time to show. */
  typicalReplyTime: TypicalReplyTime | null;
}

/** Evaluates a chatflow's availability at an instant (pass the kit's clock: this stays pure). */
export function chatflowAvailability(settings: AvailabilitySettings, at: number): ChatflowAvailability {
  const hours = settings.officeHours;
  const open = hours === null || isWithinWorkingHours(hours, at);
  return {
    open,
    // While closed, the next change of office hours is the next opening.
    nextOpenAt: open ? null : nextWorkingHoursChange(hours!, at),
    awayMessage: open ? null : settings.awayMessage,
    collectEmail: !open && settings.collectEmailWhenAway,
    typicalReplyTime: settings.typicalReplyTime,
  };
}
