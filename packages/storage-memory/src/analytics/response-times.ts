import {
  WorkingTime,
  durationStats,
  hoursProfileOf,
  timelineFacts,
  type Conversation,
  type HoursProfile,
  type ResponseTimesGroup,
  type ResponseTimesQuery,
} from '@inboxkit/core';
import { analyticsFilter, type AnalyticsTables } from './tables.js';

/** Which figure a duration belongs to. */
const FIRST = 0;
const RESPONSE = 1;
const CLOSE = 2;
type Kind = typeof FIRST | typeof RESPONSE | typeof CLOSE;

/**
 * The figures of one report as parallel arrays (a year of a large workspace has hundreds of
 * thousands; one object each would mostly feed the garbage collector). Durations are known
 * only at the end: business hours need every start of a profile first.
 */
class Figures {
  readonly keys: (string | null)[] = [];
  readonly kinds: Kind[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly profiles: (HoursProfile | null)[] = [];

  add(key: string | null, kind: Kind, start: number, end: number, profile: HoursProfile | null): void {
    this.keys.push(key);
    this.kinds.push(kind);
    this.starts.push(start);
    this.ends.push(end);
    this.profiles.push(profile);
  }

  /** Working time per profile, each spanning its figures' earliest start to `to`. */
  workingTimes(to: number): Map<string, WorkingTime> {
    const spans = new Map<string, { hours: HoursProfile['hours']; from: number }>();
    this.profiles.forEach((profile, i) => {
      if (!profile) return;
      const span = spans.get(profile.key);
      if (!span) spans.set(profile.key, { hours: profile.hours, from: this.starts[i]! });
      else span.from = Math.min(span.from, this.starts[i]!);
    });
    return new Map([...spans].map(([key, span]) => [key, WorkingTime.of(span.hours, span.from, to)]));
  }
}

/** The conversation's group key (for `agent`, waits use their replier instead). */
function conversationKey(conversation: Conversation, groupBy: ResponseTimesQuery['groupBy']): string | null {
  if (groupBy === 'inbox') return conversation.inboxId;
  if (groupBy === 'team') return conversation.teamId;
  if (groupBy === 'channel') return conversation.channelType;
  return conversation.assigneeId;
}

/** `responseTimes`: figures collected from indexes, durations (working time when asked), then stats per group. */
export function responseTimes(tables: AnalyticsTables, workspaceId: string, query: ResponseTimesQuery): ResponseTimesGroup[] {
  const { from, to, groupBy, businessHours } = query;
  const matches = analyticsFilter(query);
  const profileOf = (c: Conversation) => (businessHours ? hoursProfileOf(businessHours, c) : null);
  const figures = new Figures();

  // Waits that ended in the window: only conversations with a user reply in it can have one.
  const seen = new Set<string>();
  for (const reply of tables.timeline.userRepliesBetween(workspaceId, from, to)) {
    if (seen.has(reply.conversationId)) continue;
    seen.add(reply.conversationId);
    const conversation = tables.conversations.get(workspaceId, reply.conversationId);
    if (!conversation || !matches(conversation)) continue;
    const key = conversationKey(conversation, groupBy);
    const profile = profileOf(conversation);
    for (const wait of timelineFacts(tables.timeline.conversationItems(workspaceId, conversation.id)).waits) {
      if (wait.endedAt < from || wait.endedAt >= to) continue;
      const waitKey = groupBy === 'agent' ? wait.repliedBy : key;
      if (wait.first) figures.add(waitKey, FIRST, wait.startedAt, wait.endedAt, profile);
      figures.add(waitKey, RESPONSE, wait.startedAt, wait.endedAt, profile);
    }
  }
  // Conversations closed in the window, from the close index.
  for (const row of tables.conversations.index(workspaceId)?.closedFrom(from) ?? []) {
    if (row.closedAt === null || row.closedAt >= to) break;
    if (matches(row)) figures.add(conversationKey(row, groupBy), CLOSE, row.createdAt, row.closedAt, profileOf(row));
  }

  const clocks = figures.workingTimes(to);
  const groups = new Map<string | null, [number[], number[], number[]]>();
  figures.keys.forEach((key, i) => {
    let lists = groups.get(key);
    if (!lists) groups.set(key, (lists = [[], [], []]));
    const [start, end, profile] = [figures.starts[i]!, figures.ends[i]!, figures.profiles[i]];
    lists[figures.kinds[i]!].push(profile ? clocks.get(profile.key)!.between(start, end) : end - start);
  });
  return [...groups]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    // Typed arrays sort numerically without a comparator callback: several times faster.
    .map(([key, lists]) => {
      const [first, response, close] = lists.map((list) => durationStats(Float64Array.from(list)));
      return { key, firstResponse: first!, response: response!, timeToClose: close! };
    });
}
