import {
  WorkingTime,
  durationStats,
  hoursProfileOf,
  type BusinessHours,
  type Conversation,
  type ResponseTimesGroup,
  type ResponseTimesQuery,
  type TimelineFacts,
  type WorkingHours,
} from '@inboxkit/core';

const WEEK = 7 * 86_400_000;

/**
 * The working time of one hours profile up to the window's end, built on first use and rebuilt
 * further back when a figure starts before it. Working time between two instants is the same
 * whatever the span starts at (`at(b) − at(a)` over exact integer ms), so this gives the
 * numbers a span from the earliest start would, without a first pass to find that start.
 */
class ProfileClock {
  private from = Infinity;
  private time = new WorkingTime([]);

  constructor(
    private readonly hours: WorkingHours,
    private readonly to: number,
  ) {}

  /** Working ms in `[start, end)`; 0 when `end <= start` (as `WorkingTime.between`). */
  between(start: number, end: number): number {
    if (end <= start) return 0;
    if (start < this.from) {
      // Reach back at least as far again as the span already covers: a year of figures in any
      // order rebuilds a handful of times, not once per earlier start.
      this.from = this.from === Infinity ? start - WEEK : Math.min(start, this.from - Math.max(WEEK, this.to - this.from));
      this.time = WorkingTime.of(this.hours, this.from, this.to);
    }
    return this.time.between(start, end);
  }
}

/** Each conversation's clock under business hours (`hoursProfileOf`), shared by conversations with the same hours. */
class BusinessClocks {
  private readonly clocks = new Map<string, ProfileClock>();
  /** By assignee, then inbox: what `hoursProfileOf` reads, so it runs once per pair, not per conversation. */
  private readonly byPair = new Map<string | null, Map<string, ProfileClock | null>>();

  constructor(
    private readonly businessHours: BusinessHours,
    private readonly to: number,
  ) {}

  /** The conversation's clock, or `null` when every hour counts. */
  of(conversation: Conversation): ProfileClock | null {
    let byInbox = this.byPair.get(conversation.assigneeId);
    if (!byInbox) this.byPair.set(conversation.assigneeId, (byInbox = new Map()));
    let clock = byInbox.get(conversation.inboxId);
    if (clock === undefined) {
      const profile = hoursProfileOf(this.businessHours, conversation);
      clock = profile && (this.clocks.get(profile.key) ?? new ProfileClock(profile.hours, this.to));
      if (profile && clock) this.clocks.set(profile.key, clock);
      byInbox.set(conversation.inboxId, clock);
    }
    return clock;
  }
}

/** One group's durations, by figure. */
interface Durations {
  first: number[];
  response: number[];
  close: number[];
}

/** The conversation's group key (for `agent`, waits use their replier instead). */
function conversationKey(conversation: Conversation, groupBy: ResponseTimesQuery['groupBy']): string | null {
  if (groupBy === 'inbox') return conversation.inboxId;
  if (groupBy === 'team') return conversation.teamId;
  if (groupBy === 'channel') return conversation.channelType;
  return conversation.assigneeId;
}

/**
 * The figures of one `responseTimes` report, collected conversation by conversation: each
 * duration (working time under business hours) goes straight into its group's list, and
 * `report()` turns the lists into statistics. A group exists once it has a figure.
 */
export class Figures {
  private readonly groups = new Map<string | null, Durations>();
  private readonly clocks: BusinessClocks | null;

  constructor(private readonly query: ResponseTimesQuery) {
    this.clocks = query.businessHours ? new BusinessClocks(query.businessHours, query.to) : null;
  }

  /** Adds the waits of a (matching) conversation that ended in the window. */
  waits(conversation: Conversation, facts: TimelineFacts | undefined): void {
    if (!facts || facts.waits.length === 0) return;
    const { from, to, groupBy } = this.query;
    const clock = this.clocks?.of(conversation) ?? null;
    const key = groupBy === 'agent' ? null : conversationKey(conversation, groupBy);
    let durations: Durations | undefined;
    for (const wait of facts.waits) {
      if (wait.endedAt < from || wait.endedAt >= to) continue;
      const { startedAt, endedAt } = wait;
      const into = groupBy === 'agent' ? this.group(wait.repliedBy) : (durations ??= this.group(key));
      const duration = clock ? clock.between(startedAt, endedAt) : endedAt - startedAt;
      if (wait.first) into.first.push(duration);
      into.response.push(duration);
    }
  }

  /** Adds the time to close of a (matching) conversation closed in the window (`closedAt` is its own, narrowed). */
  close(conversation: Conversation, closedAt: number): void {
    const clock = this.clocks?.of(conversation) ?? null;
    const { createdAt } = conversation;
    this.group(conversationKey(conversation, this.query.groupBy)).close.push(clock ? clock.between(createdAt, closedAt) : closedAt - createdAt);
  }

  /** Statistics per group, sorted by key, `null` last. */
  report(): ResponseTimesGroup[] {
    return [...this.groups]
      .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
      // Typed arrays sort numerically without a comparator callback: several times faster.
      .map(([key, { first, response, close }]) => ({
        key,
        firstResponse: durationStats(Float64Array.from(first)),
        response: durationStats(Float64Array.from(response)),
        timeToClose: durationStats(Float64Array.from(close)),
      }));
  }

  private group(key: string | null): Durations {
    let durations = this.groups.get(key);
    if (!durations) this.groups.set(key, (durations = { first: [], response: [], close: [] }));
    return durations;
  }
}
