import type { Page } from '../domain/common.js';
import type { ConversationStatus } from '../domain/conversation.js';
import type { WorkingHours } from '../domain/working-hours.js';

/**
 * # The analytics part of the storage contract (v1, optional)
 *
 * A store with capability `analytics` computes the reports of `ws.analytics` itself, where
 * the data lives: aggregation in SQL for SQL stores, indexed scans for in-memory ones. The
 * kit validates input, applies permissions and turns calendar intervals into plain instants
 * before calling; a store only counts.
 *
 * Every figure follows the definitions in `@inboxkit/core`'s `analytics/definitions.md`
 * (what starts and ends a wait, which messages are replies, which window a figure belongs
 * to). The pure helpers exported next to them (`timelineFacts`, `durationStats`,
 * `WorkingTime`, `volumeBuckets`) implement those definitions for stores written in
 * TypeScript; SQL stores mirror them and the conformance suite holds both to the same
 * hand-computed numbers.
 *
 * Rules shared by every method:
 * - Scoped by `workspaceId`; spam conversations are never counted.
 * - Windows are half-open: `from <= t < to` (epoch ms).
 * - Conversation filters compare the conversation's *current* inbox, team, assignee and
 *   channel type.
 * - Read-only and idempotent; results are fresh objects. An empty workspace (or one with
 *   nothing in the window) gives an empty result, never an error.
 * - Called outside transactions. Errors: a `STORAGE` error when the store fails; inputs are
 *   validated by the kit, so a store may assume `from < to` and sorted `boundaries`.
 */
export interface AnalyticsStore {
  /**
   * Per user: messages sent (outgoing messages authored by that user, `createdAt` in the
   * window) and conversations replied to (distinct conversations of those messages). Sorted
   * by `conversationsReplied` desc, then `messagesSent` desc, then `userId` asc. Users with
   * no reply in the window are absent; `[]` when nobody replied.
   */
  repliesByAgent(workspaceId: string, query: AnalyticsFilter): Promise<AgentReplies[]>;

  /**
   * First response time, response time and time to close per group, each as
   * `DurationStats` over the figures that *end* in the window (a reply, a close). Groups
   * without any figure are absent; sorted by `key` asc with `null` last. `[]` when nothing
   * ended in the window.
   */
  responseTimes(workspaceId: string, query: ResponseTimesQuery): Promise<ResponseTimesGroup[]>;

  /**
   * Conversation volume per bucket `[boundaries[i], boundaries[i + 1])`: created, closed,
   * and still open at the bucket's end, in total and per channel type. Returns one bucket per
   * consecutive pair of boundaries, in order, even when all its counts are 0; `channels`
   * lists every channel type with a non-zero count in any bucket, in every bucket.
   */
  volume(workspaceId: string, query: VolumeQuery): Promise<VolumeBucket[]>;

  /**
   * One page of the conversations created in the window, ordered `(createdAt asc, id asc)`,
   * with their timeline figures. Keyset-paginated like every list: `nextCursor` is non-null
   * only when another row follows, and a page never repeats or skips a conversation. Throws
   * `VALIDATION` (field `cursor`) for a malformed cursor.
   */
  exportConversations(workspaceId: string, query: ExportQuery): Promise<Page<ConversationExportRow>>;

  /**
   * Optional (present when the store also has capability `bots`): per bot chatflow, the
   * sessions *started* in the window and what became of them (see the definitions), with every
   * transition those sessions made, also after `to`. Chatflows without a session in the window
   * are absent; sorted by `chatflowId` asc, steps by `stepId` asc.
   */
  botPerformance?(workspaceId: string, query: BotPerformanceQuery): Promise<BotPerformance[]>;
}

/** Query of `AnalyticsStore.botPerformance`. */
export interface BotPerformanceQuery {
  /** Window start (sessions' `startedAt`), epoch ms, inclusive. */
  from: number;
  /** Window end, epoch ms, exclusive; greater than `from`. */
  to: number;
  /** Only this chatflow. */
  chatflowId?: string;
  /** Only sessions of these inboxes (an empty array matches nothing); omitted = every inbox. */
  inboxIds?: string[];
  /** A `waiting` session whose `lastActivityAt <= abandonedBefore` counts as abandoned (the kit passes now − timeout). */
  abandonedBefore: number;
}

/** How many sessions entered one step, and how many were abandoned there. */
export interface BotStepFunnel {
  /** The step id. */
  stepId: string;
  /** Sessions with at least one transition into the step (`to = stepId`; a re-ask counts once). */
  reached: number;
  /** Abandoned sessions that were waiting at the step. */
  droppedOff: number;
}

/** One chatflow of `botPerformance`. */
export interface BotPerformance {
  /** The bot chatflow. */
  chatflowId: string;
  /** Sessions started in the window. */
  sessions: number;
  /** Of those, reached an end step. */
  completed: number;
  /** Of those, handed off to people. */
  handedOff: number;
  /** Of those, still waiting with no input for the timeout. */
  abandoned: number;
  /** Of those, waiting within the timeout (still running). */
  waiting: number;
  /** `endedAt − startedAt` of the completed and handed-off sessions. */
  duration: DurationStats;
  /** Every step some session reached. */
  steps: BotStepFunnel[];
}

/** Which conversations a report covers, besides the window. All given filters must match. */
export interface AnalyticsConversationFilter {
  /** Only these inboxes (an empty array matches nothing); omitted = every inbox. */
  inboxIds?: string[];
  /** Only conversations of this team. */
  teamId?: string;
  /** Only this channel type (`email`, `chat`…). */
  channelType?: string;
  /** Only conversations carrying this tag (`Conversation.tagIds`, as stored now). */
  tagId?: string;
}

/** A report's conversations and its half-open window `[from, to)`. */
export interface AnalyticsFilter extends AnalyticsConversationFilter {
  /** Window start, epoch ms, inclusive. */
  from: number;
  /** Window end, epoch ms, exclusive; greater than `from`. */
  to: number;
}

/** One user's replies in a window. */
export interface AgentReplies {
  /** The user (a message's `author.id`). */
  userId: string;
  /** Distinct conversations the user replied in. */
  conversationsReplied: number;
  /** Outgoing messages the user wrote. */
  messagesSent: number;
}

/** What `responseTimes` groups by. `channel` is the channel type. */
export type ResponseTimesGroupBy = 'inbox' | 'agent' | 'team' | 'channel';

/**
 * Working hours that business-hours figures count, resolved by the kit. A conversation
 * counts its current assignee's hours when `users` has them, else its inbox's hours when
 * `inboxes` has them, else every hour of the day.
 */
export interface BusinessHours {
  /** Working hours by user id (users without working hours are absent). */
  users: Record<string, WorkingHours>;
  /** Working hours by inbox id. */
  inboxes: Record<string, WorkingHours>;
}

/** Query of `AnalyticsStore.responseTimes`. */
export interface ResponseTimesQuery extends AnalyticsFilter {
  /** The group key: inbox id, user id, team id or channel type. */
  groupBy: ResponseTimesGroupBy;
  /** Count only working time; `null`/omitted counts wall-clock time. */
  businessHours?: BusinessHours | null;
}

/**
 * `count`, mean, median and 90th percentile of durations in ms. Percentiles interpolate
 * linearly between the closest ranks (SQL `percentile_cont`); figures are not rounded.
 * `avg`, `median` and `p90` are `null` when `count` is 0.
 */
export interface DurationStats {
  /** How many durations. */
  count: number;
  /** Arithmetic mean. */
  avg: number | null;
  /** 50th percentile. */
  median: number | null;
  /** 90th percentile. */
  p90: number | null;
}

/** One group of `responseTimes`. */
export interface ResponseTimesGroup {
  /**
   * Inbox id, user id, team id or channel type. `null` for conversations without a team
   * (`team`) or without an assignee (`agent`, time to close only: a wait's agent is the user
   * whose reply ended it).
   */
  key: string | null;
  /** First response time: the conversation's first wait, when it ended in the window. */
  firstResponse: DurationStats;
  /** Every wait that ended in the window, the first included. */
  response: DurationStats;
  /** `createdAt` → `closedAt` of conversations closed in the window. */
  timeToClose: DurationStats;
}

/** Query of `AnalyticsStore.volume`. */
export interface VolumeQuery extends AnalyticsConversationFilter {
  /** Strictly increasing instants, at least two: bucket `i` is `[boundaries[i], boundaries[i + 1])`. */
  boundaries: number[];
}

/** Conversation counts of a bucket. */
export interface VolumeCounts {
  /** Conversations created in the bucket. */
  created: number;
  /** Conversations whose `closedAt` falls in the bucket. */
  closed: number;
  /** Conversations open (not closed: open or snoozed) at the bucket's end. */
  open: number;
}

/** One bucket of `volume`. */
export interface VolumeBucket extends VolumeCounts {
  /** Bucket start, epoch ms, inclusive. */
  start: number;
  /** Bucket end, epoch ms, exclusive. */
  end: number;
  /** The same counts per channel type. */
  channels: Record<string, VolumeCounts>;
}

/** Query of `AnalyticsStore.exportConversations`. */
export interface ExportQuery extends AnalyticsFilter {
  /** `null` for the first page, else a previous page's `nextCursor`. */
  cursor: string | null;
  /** Page size, a positive integer. */
  limit: number;
}

/** One conversation of an export, with its timeline figures. */
export interface ConversationExportRow {
  /** The conversation. */
  conversationId: string;
  /** Its inbox. */
  inboxId: string;
  /** Its channel. */
  channelId: string;
  /** Its channel type. */
  channelType: string;
  /** Assigned user, or `null`. */
  assigneeId: string | null;
  /** Assigned team, or `null`. */
  teamId: string | null;
  /** The contact (after merges, the surviving contact). */
  contactId: string;
  /** Current status. */
  status: ConversationStatus;
  /** When it was created. */
  createdAt: number;
  /** The first incoming message, or `null` (a conversation started by an agent may have none yet). */
  firstIncomingAt: number | null;
  /** The reply that ended the first wait (see the definitions), or `null`. */
  firstResponseAt: number | null;
  /** When it was (last) closed, or `null` when not closed. */
  closedAt: number | null;
  /** Incoming messages. */
  incomingMessages: number;
  /** Outgoing messages written by users. */
  userMessages: number;
  /** Outgoing messages written by bots or the system. */
  botMessages: number;
}
