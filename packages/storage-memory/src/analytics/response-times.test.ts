import {
  WorkingTime,
  durationStats,
  hoursProfileOf,
  timelineFacts,
  workingHoursSchema,
  type BusinessHours,
  type Conversation,
  type ResponseTimesGroup,
  type ResponseTimesQuery,
  type TimelineItem,
} from '@inboxkit/core';
import { fixtures } from '@inboxkit/storage-testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../memory-storage.js';
import { BotTable } from '../tables/bot-table.js';
import { ConversationTable } from '../tables/conversation-table.js';
import { TimelineTable, byTime } from '../tables/timeline-table.js';
import { responseTimes, type ResponseTimesScan } from './response-times.js';
import { analyticsFilter, type AnalyticsTables } from './tables.js';

const T = Date.UTC(2026, 0, 5); // a Monday
const H = 3_600_000;
const WS = 'ws_rt';
const USERS = ['user_0', 'user_1', 'user_2'];
const weekdays = (timeZone: string, start: string, end: string) =>
  workingHoursSchema.parse({ timeZone, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start, end })) });
const HOURS = [weekdays('Europe/Oslo', '09:00', '17:00'), weekdays('Asia/Tokyo', '09:00', '18:00'), weekdays('America/New_York', '08:30', '12:00')];

/**
 * The straightforward computation the store must agree with: every matching conversation's
 * whole timeline sorted and run through `timelineFacts`, each profile's working time spanning
 * its earliest figure to `to`, plain arrays sorted per group.
 */
function reference(conversations: Conversation[], items: TimelineItem[], query: ResponseTimesQuery): ResponseTimesGroup[] {
  const { from, to, groupBy, businessHours } = query;
  const matches = analyticsFilter(query);
  const figures: Array<{ key: string | null; kind: 0 | 1 | 2; start: number; end: number; profile: ReturnType<typeof hoursProfileOf> }> = [];
  for (const c of conversations.filter(matches)) {
    const key = { inbox: c.inboxId, team: c.teamId, channel: c.channelType, agent: c.assigneeId }[groupBy];
    const profile = businessHours ? hoursProfileOf(businessHours, c) : null;
    const timeline = items.filter((item) => item.conversationId === c.id).sort(byTime);
    for (const wait of timelineFacts(timeline).waits) {
      if (wait.endedAt < from || wait.endedAt >= to) continue;
      const waitKey = groupBy === 'agent' ? wait.repliedBy : key;
      if (wait.first) figures.push({ key: waitKey, kind: 0, start: wait.startedAt, end: wait.endedAt, profile });
      figures.push({ key: waitKey, kind: 1, start: wait.startedAt, end: wait.endedAt, profile });
    }
    if (c.closedAt !== null && c.closedAt >= from && c.closedAt < to) figures.push({ key, kind: 2, start: c.createdAt, end: c.closedAt, profile });
  }
  const clocks = new Map<string, WorkingTime>();
  for (const { profile } of figures) {
    if (!profile || clocks.has(profile.key)) continue;
    const earliest = Math.min(...figures.filter((f) => f.profile?.key === profile.key).map((f) => f.start));
    clocks.set(profile.key, WorkingTime.of(profile.hours, earliest, to));
  }
  const keys = [...new Set(figures.map((f) => f.key))].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return keys.map((key) => {
    const [firstResponse, response, timeToClose] = [0, 1, 2].map((kind) =>
      durationStats(figures.filter((f) => f.key === key && f.kind === kind).map((f) => (f.profile ? clocks.get(f.profile.key)!.between(f.start, f.end) : f.end - f.start))),
    );
    return { key, firstResponse: firstResponse!, response: response!, timeToClose: timeToClose! };
  });
}

const at = (hour: number, minute: number) => T + hour * H + minute * 60_000;

const conversationArb = fc.record({
  inboxId: fc.constantFrom('inbox_a', 'inbox_b'),
  teamId: fc.constantFrom(null, 'team_x'),
  channelType: fc.constantFrom('email', 'chat'),
  assigneeId: fc.constantFrom(null, ...USERS),
  spam: fc.constantFrom(false, false, false, true),
  created: fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 59 })),
  closed: fc.option(fc.tuple(fc.integer({ min: 0, max: 260 }), fc.integer({ min: 0, max: 59 }))),
  // Few distinct times, so same-millisecond ties (ordered by id) happen.
  steps: fc.array(fc.record({ role: fc.constantFrom('in', 'in', 'user', 'user', 'bot', 'note'), hour: fc.integer({ min: 0, max: 240 }), minute: fc.constantFrom(0, 30, 45), by: fc.constantFrom(...USERS) }), { maxLength: 10 }),
});

const queryArb = fc.record({
  from: fc.integer({ min: -10, max: 200 }),
  hours: fc.integer({ min: 1, max: 300 }),
  groupBy: fc.constantFrom<ResponseTimesQuery['groupBy']>('inbox', 'agent', 'team', 'channel'),
  inboxIds: fc.option(fc.constantFrom(['inbox_a'], ['inbox_a', 'inbox_b'], [])),
  channelType: fc.option(fc.constant('chat')),
  teamId: fc.option(fc.constant('team_x')),
  // Which users and inboxes have hours (an index into HOURS), or no business hours at all.
  businessHours: fc.option(fc.record({ users: fc.array(fc.option(fc.nat({ max: 2 })), { minLength: 3, maxLength: 3 }), inboxA: fc.option(fc.nat({ max: 2 })) })),
});

/** The query a generated one stands for. */
function queryOf(q: typeof queryArb extends fc.Arbitrary<infer Q> ? Q : never): ResponseTimesQuery {
  let businessHours: BusinessHours | null = null;
  if (q.businessHours) {
    const users = Object.fromEntries(USERS.flatMap((id, i) => (q.businessHours!.users[i] == null ? [] : [[id, HOURS[q.businessHours!.users[i]!]!]])));
    businessHours = { users, inboxes: q.businessHours.inboxA === null ? {} : { inbox_a: HOURS[q.businessHours.inboxA]! } };
  }
  return {
    from: at(q.from, 0),
    to: at(q.from + q.hours, 0),
    groupBy: q.groupBy,
    businessHours,
    ...(q.inboxIds ? { inboxIds: [...q.inboxIds] } : {}),
    ...(q.channelType ? { channelType: q.channelType } : {}),
    ...(q.teamId ? { teamId: q.teamId } : {}),
  };
}

describe('responseTimes', () => {
  it('equals the straightforward computation on random timelines, written in any order, for every groupBy, filter and business hours', () => {
    fc.assert(
      fc.property(fc.array(conversationArb, { maxLength: 6 }), fc.array(queryArb, { minLength: 1, maxLength: 4 }), fc.infiniteStream(fc.nat()), (specs, queries, stream) => {
        const picks = stream[Symbol.iterator]();
        const pick = (n: number) => picks.next().value % n;
        const tables: AnalyticsTables = { conversations: new ConversationTable(), timeline: new TimelineTable(), bots: new BotTable() };
        const conversations = specs.map((spec, g) => {
          const createdAt = at(...spec.created);
          const closedAt = spec.closed && Math.max(createdAt - 2 * H, at(...spec.closed)); // sometimes before createdAt (imports)
          const { inboxId, teamId, channelType, assigneeId, spam } = spec;
          return fixtures.conversation(WS, { id: `conv_${g}`, inboxId, teamId, channelType, assigneeId, spam, spamAt: spam ? createdAt : null, createdAt, status: closedAt ? 'closed' : 'open', closedAt });
        });
        const items = specs.flatMap((spec, g) =>
          spec.steps.map(({ role, hour, minute, by }, i): TimelineItem => {
            const fields = { id: `itm_${g}_${String(i).padStart(2, '0')}`, createdAt: at(hour, minute) };
            if (role === 'in') return fixtures.message(conversations[g]!, fields);
            if (role === 'user') return fixtures.reply(conversations[g]!, by, fields);
            if (role === 'bot') return fixtures.message(conversations[g]!, { ...fields, direction: 'outgoing', author: { type: 'bot', id: null }, externalId: null });
            return fixtures.comment(conversations[g]!, by, fields);
          }),
        );
        for (const c of conversations) tables.conversations.replace(WS, c.id, c);
        // Shuffled, so both the append path and rebuilds of the stored facts run; then some
        // items are rewritten (an update: remove, then add) and some removed.
        const order = [...items];
        for (let i = order.length - 1; i > 0; i--) {
          const j = pick(i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        for (const item of order) tables.timeline.replace(WS, item.id, item);
        const kept = items.filter((item) => {
          const fate = pick(6);
          if (fate === 0) tables.timeline.replace(WS, item.id, undefined);
          if (fate === 1) tables.timeline.replace(WS, item.id, { ...item });
          return fate !== 0;
        });
        for (const generated of queries) {
          const query = queryOf(generated);
          const expected = reference(conversations, kept, query);
          for (const scan of ['auto', 'all', 'replies'] satisfies ResponseTimesScan[]) expect(responseTimes(tables, WS, query, scan), scan).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a rolled-back transaction leaves the stored facts as they were', async () => {
    const storage = memoryStorage();
    const workspace = fixtures.workspace({ id: WS });
    await storage.workspaces.insert(workspace);
    const conversation = fixtures.conversation(workspace, { createdAt: T });
    await storage.conversations.insert(conversation);
    await storage.timeline.insert(fixtures.message(conversation, { createdAt: T }));
    const query: ResponseTimesQuery = { from: T, to: T + 10 * H, groupBy: 'agent' };
    await expect(
      storage.transaction(async (tx) => {
        await tx.timeline.insert(fixtures.reply(conversation, 'user_0', { createdAt: T + H }));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await storage.analytics!.responseTimes(WS, query)).toEqual([]);
    await storage.timeline.insert(fixtures.reply(conversation, 'user_1', { createdAt: T + 2 * H }));
    expect(await storage.analytics!.responseTimes(WS, query)).toEqual([
      { key: 'user_1', firstResponse: durationStats([2 * H]), response: durationStats([2 * H]), timeToClose: durationStats([]) },
    ]);
  });
});
