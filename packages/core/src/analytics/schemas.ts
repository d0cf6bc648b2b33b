import { z } from 'zod';
import { idSchema, instantSchema } from '../domain/common.js';
import { timeZoneSchema, workingHoursSchema } from '../domain/working-hours.js';
import { estimateBuckets } from './buckets.js';

/** Most buckets one `volume` call returns (over a year of hourly buckets is refused). */
export const MAX_VOLUME_BUCKETS = 10_000;

/** The window and conversation filters every report takes. */
const reportFields = {
  /** Window start (inclusive): a `Date` or epoch ms. */
  from: instantSchema,
  /** Window end (exclusive): a `Date` or epoch ms, after `from`. */
  to: instantSchema,
  /** Only this inbox. */
  inboxId: idSchema.optional(),
  /** Only conversations of this team. */
  teamId: idSchema.optional(),
  /** Only this channel type (`email`, `chat`…). */
  channelType: z.string().min(1).optional(),
  /** Only conversations carrying this tag (`ws.tags`) now: tags are not history, a report reads current tags. */
  tagId: idSchema.optional(),
};

const windowIsOrdered = (v: { from: number; to: number }) => v.from < v.to;
const windowIssue = { message: 'must be after from', path: ['to'] };

/** Input of `analytics.repliesByAgent`. */
export const repliesByAgentInput = z.strictObject(reportFields).refine(windowIsOrdered, windowIssue);
/** Input of `analytics.repliesByAgent`. */
export type RepliesByAgentInput = z.input<typeof repliesByAgentInput>;

/**
 * `true` counts working time only: the assigned agent's working hours, or (object form) the
 * inbox's hours given here when the assignee has none or there is no assignee; a conversation
 * with neither counts every hour. InboxKit keeps no hours per inbox, so the caller passes them.
 */
export const businessHoursInput = z.union([z.boolean(), z.strictObject({ inboxes: z.record(idSchema, workingHoursSchema).default({}) })]);

/** Input of `analytics.responseTimes`. */
export const responseTimesInput = z
  .object({
    ...reportFields,
    groupBy: z.enum(['inbox', 'agent', 'team', 'channel']),
    businessHours: businessHoursInput.default(false),
  })
  .refine(windowIsOrdered, windowIssue);
/** Input of `analytics.responseTimes`. */
export type ResponseTimesInput = z.input<typeof responseTimesInput>;

/** Input of `analytics.volume`: calendar buckets of `interval` in `timeZone`. */
export const volumeInput = z
  .object({ ...reportFields, interval: z.enum(['hour', 'day', 'week']), timeZone: timeZoneSchema })
  .refine(windowIsOrdered, windowIssue)
  .refine((v) => estimateBuckets(v.from, v.to, v.interval) <= MAX_VOLUME_BUCKETS, {
    message: `more than ${MAX_VOLUME_BUCKETS} buckets: use a longer interval or a shorter window`,
    path: ['interval'],
  });
/** Input of `analytics.volume`. */
export type VolumeInput = z.input<typeof volumeInput>;

/** Input of `analytics.exportConversations`: conversations created in the window. */
export const exportConversationsInput = z
  .object({
    ...reportFields,
    /** Rows fetched from the store per round trip (memory held at once); default 500. */
    pageSize: z.number().int().min(1).max(10_000).default(500),
  })
  .refine(windowIsOrdered, windowIssue);
/** Input of `analytics.exportConversations`. */
export type ExportConversationsInput = z.input<typeof exportConversationsInput>;

/** Input of `analytics.botPerformance`: bot sessions started in the window. */
export const botPerformanceInput = z
  .strictObject({
    from: instantSchema,
    to: instantSchema,
    /** Only this bot chatflow. */
    chatflowId: idSchema.optional(),
    /** Only sessions of this inbox. */
    inboxId: idSchema.optional(),
    /** A waiting session with no visitor input for this long counts as abandoned; default 30. */
    abandonAfterMinutes: z.number().int().min(1).max(525_600).default(30),
  })
  .refine(windowIsOrdered, windowIssue);
/** Input of `analytics.botPerformance`. */
export type BotPerformanceInput = z.input<typeof botPerformanceInput>;
