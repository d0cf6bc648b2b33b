import { workingHoursSchema, type BusinessHours, type ResponseTimesGroup, type ResponseTimesGroupBy } from '@inboxkit/core';
import { expect } from 'vitest';
import { T, TEAM, seedOffice, stats } from '../analytics-office.js';
import { H, MIN, analyticsWorld, type AnalyticsWorld } from '../analytics-world.js';
import { defineSuite } from '../harness.js';

type Group = (inboxes: { a: string; b: string }) => ResponseTimesGroup;
const group = (key: string | null, firstResponse = stats(0), response = stats(0), timeToClose = stats(0)) => ({ key, firstResponse, response, timeToClose });

// Hand-computed from the office scenario (see analytics-office.ts); durations in hours.
// Inbox a holds c1 (waits 1h first, 1h; closed after 4h) and c2 (wait 0.5h first; open);
// inbox b holds c3 (wait 25h first; closed 29h after it was created) and c5 (no wait ended).
const cases: Array<[title: string, groupBy: ResponseTimesGroupBy, from: number, to: number, expected: Group[]]> = [
  [
    // first [0.5, 1]: p90 = 0.5 + 0.9·0.5; response [0.5, 1, 1]: p90 at rank 1.8 = 1.
    'by inbox', 'inbox', T, T + 48 * H,
    [({ a }) => group(a, stats(2, 0.75, 0.75, 0.95), stats(3, 2.5 / 3, 1, 1), stats(1, 4, 4, 4)), ({ b }) => group(b, stats(1, 25, 25, 25), stats(1, 25, 25, 25), stats(1, 29, 29, 29))],
  ],
  [
    // Waits belong to the user whose reply ended them; time to close to the assignee (c3 has none).
    // ana: first [1, 25] → p90 = 1 + 0.9·24; response [1, 1, 25] → p90 at rank 1.8 = 1 + 0.8·24.
    'by agent', 'agent', T, T + 48 * H,
    [() => group('user_ana', stats(2, 13, 13, 22.6), stats(3, 9, 1, 20.2), stats(1, 4, 4, 4)), () => group('user_ben', stats(1, 0.5, 0.5, 0.5), stats(1, 0.5, 0.5, 0.5)), () => group(null, stats(0), stats(0), stats(1, 29, 29, 29))],
  ],
  [
    'by team, no team last', 'team', T, T + 48 * H,
    [() => group(TEAM, stats(2, 13, 13, 22.6), stats(3, 9, 1, 20.2), stats(2, 16.5, 16.5, 26.5)), () => group(null, stats(1, 0.5, 0.5, 0.5), stats(1, 0.5, 0.5, 0.5))],
  ],
  [
    'by channel type', 'channel', T, T + 48 * H,
    [() => group('chat', stats(1, 25, 25, 25), stats(1, 25, 25, 25), stats(1, 29, 29, 29)), () => group('email', stats(2, 0.75, 0.75, 0.95), stats(3, 2.5 / 3, 1, 1), stats(1, 4, 4, 4))],
  ],
  [
    // Figures belong to the window they end in: c1's first wait (ended T+1h) and c2's (T+0.5h) are
    // before it, c1's second wait (ended T+3h) and its close (T+4h) are in it.
    'a figure counts in the window it ends in', 'inbox', T + 2.5 * H, T + 24 * H,
    [({ a }) => group(a, stats(0), stats(1, 1, 1, 1), stats(1, 4, 4, 4))],
  ],
  // c1's second wait ends at exactly T+3h: outside [T, T+3h).
  ['the window end is exclusive', 'agent', T, T + 3 * H, [() => group('user_ana', stats(1, 1, 1, 1), stats(1, 1, 1, 1)), () => group('user_ben', stats(1, 0.5, 0.5, 0.5), stats(1, 0.5, 0.5, 0.5))]],
  ['nothing ended in the window', 'inbox', T + 50 * H, T + 60 * H, []],
];

const hours = (timeZone: string, start: string, end: string) => workingHoursSchema.parse({ timeZone, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start, end })) });
const at = (iso: string) => Date.parse(iso);

/**
 * Overnight replies across time zones. A Tokyo agent (09–18 JST), an Oslo agent (09–17 CET),
 * an unassigned conversation in a New York inbox (09–17 EST, hours given by the caller) and an
 * unassigned one in an inbox without hours (wall-clock time).
 */
async function seedZones(world: AnalyticsWorld): Promise<BusinessHours> {
  const newYork = await world.addInbox('New York');
  // Mon 10:00Z = 19:00 JST (closed) → reply Tue 01:00Z = 10:00 JST: 1 working hour of 15. Closed Tue 02:00Z: 2 of 16.
  await world.scenario({ assigneeId: 'user_tokyo', status: 'closed', closedAt: at('2026-01-06T02:00:00Z') }, [['in', at('2026-01-05T10:00:00Z')], ['user:user_tokyo', at('2026-01-06T01:00:00Z')]]);
  // Fri 17:00 CET → Mon 09:30 CET: 30 working minutes of 64.5 h; then Mon 16:30 → Tue 09:15 CET: 30 + 15 minutes of 16.75 h.
  await world.scenario({ assigneeId: 'user_oslo' }, [
    ['in', at('2026-01-09T16:00:00Z')], ['user:user_oslo', at('2026-01-12T08:30:00Z')], ['in', at('2026-01-12T15:30:00Z')], ['user:user_oslo', at('2026-01-13T08:15:00Z')],
  ]);
  // Mon 16:00 EST → 18:00 EST: 1 working hour of 2; no assignee, so the inbox's hours count.
  await world.scenario({ inbox: newYork }, [['in', at('2026-01-05T21:00:00Z')], ['user:user_ana', at('2026-01-05T23:00:00Z')]]);
  // No hours anywhere: 3 hours of wall-clock time.
  await world.scenario({}, [['in', at('2026-01-06T00:00:00Z')], ['user:user_ben', at('2026-01-06T03:00:00Z')]]);
  return {
    users: { user_tokyo: hours('Asia/Tokyo', '09:00', '18:00'), user_oslo: hours('Europe/Oslo', '09:00', '17:00') },
    inboxes: { [newYork.id]: hours('America/New_York', '09:00', '17:00') },
  };
}

const m = (minutes: number) => (minutes * MIN) / H;

export const analyticsResponseTimesSuite = defineSuite('analytics: responseTimes', (t) => {
  for (const [title, groupBy, from, to, expected] of cases) {
    t.test(title, async (ctx) => {
      const world = await analyticsWorld(ctx);
      const office = await seedOffice(world);
      const groups = await world.analytics.responseTimes(world.workspace.id, { from, to, groupBy });
      expect(groups).toEqual(expected.map((g) => g(office)));
    });
  }

  t.test('filters by inbox, team and channel type like every report', async (ctx) => {
    const world = await analyticsWorld(ctx);
    const { b } = await seedOffice(world);
    const query = { from: T, to: T + 48 * H, groupBy: 'inbox' as const };
    const keys = async (filter: object) => (await world.analytics.responseTimes(world.workspace.id, { ...query, ...filter })).map((g) => g.key);
    expect(await keys({ inboxIds: [b] })).toEqual([b]);
    expect(await keys({ channelType: 'chat' })).toEqual([b]);
    expect(await keys({ teamId: TEAM })).toEqual([world.inbox.id, b]);
    expect(await keys({ inboxIds: [] })).toEqual([]);
  });

  t.test('business hours count only the assignee’s (or the inbox’s) working time, across time zones', async (ctx) => {
    const world = await analyticsWorld(ctx);
    const businessHours = await seedZones(world);
    const query = { from: at('2026-01-05T00:00:00Z'), to: at('2026-01-19T00:00:00Z'), groupBy: 'agent' as const };
    expect(await world.analytics.responseTimes(world.workspace.id, { ...query, businessHours })).toEqual([
      group('user_ana', stats(1, 1, 1, 1), stats(1, 1, 1, 1)),
      group('user_ben', stats(1, 3, 3, 3), stats(1, 3, 3, 3)),
      // response [30, 45] minutes: p90 = 30 + 0.9·15.
      group('user_oslo', stats(1, m(30), m(30), m(30)), stats(2, m(37.5), m(37.5), m(43.5))),
      group('user_tokyo', stats(1, 1, 1, 1), stats(1, 1, 1, 1), stats(1, 2, 2, 2)),
    ]);
    // The same waits in wall-clock time: response [16.75, 64.5] h, p90 = 16.75 + 0.9·47.75.
    expect(await world.analytics.responseTimes(world.workspace.id, query)).toEqual([
      group('user_ana', stats(1, 2, 2, 2), stats(1, 2, 2, 2)),
      group('user_ben', stats(1, 3, 3, 3), stats(1, 3, 3, 3)),
      group('user_oslo', stats(1, 64.5, 64.5, 64.5), stats(2, 40.625, 40.625, 59.725)),
      group('user_tokyo', stats(1, 15, 15, 15), stats(1, 15, 15, 15), stats(1, 16, 16, 16)),
    ]);
  });
});
