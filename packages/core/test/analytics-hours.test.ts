import { describe, expect, it } from 'vitest';
import { workingHoursSchema, type DurationStats } from '@inboxkit/core';
import { H, MIN, at, useAnalyticsKit } from './analytics-setup.js';

const weekdays = (timeZone: string, start: string, end: string) =>
  workingHoursSchema.parse({ timeZone, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start, end })) });
const one = (ms: number): DurationStats => ({ count: 1, avg: ms, median: ms, p90: ms });
const week = { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-10T00:00:00Z') };

describe('analytics in business hours and time zones', () => {
  const h = useAnalyticsKit();

  /**
   * Overnight replies across time zones (Oslo is on CET and New York on EST from November 1):
   * - kari (Tokyo, 09–18 JST) gets a message Mon 10:00Z = 19:00 JST and answers Tue 01:00Z =
   *   10:00 JST: 15 hours, 1 of them working. She closes at Tue 02:00Z: 16 hours, 2 working.
   * - ola (Oslo, 09–17) gets one Fri 16:30Z = 17:30 and answers Mon 08:15Z = 09:15: 63.75 h, 15 min working.
   * - an unassigned sales conversation, sales inbox on New York hours (09–17), written Mon
   *   21:30Z = 16:30 EST, answered by sven Tue 14:30Z = 09:30 EST: 17 h, 1 working hour.
   */
  async function overnight() {
    const { acme, ws } = h;
    await ws.users.update(acme.kari.id, { workingHours: weekdays('Asia/Tokyo', '09:00', '18:00') });
    await ws.users.update(acme.ola.id, { workingHours: weekdays('Europe/Oslo', '09:00', '17:00') });
    await h.at('2026-11-02T10:00:00Z');
    const tokyo = await h.incoming('tanaka@customer.test');
    await ws.conversations.assign(tokyo.id, { userId: acme.kari.id });
    await h.at('2026-11-02T21:30:00Z');
    const newYork = await h.incoming('nina@customer.test', { channelId: acme.salesChannel.id });
    await h.at('2026-11-03T01:00:00Z');
    await ws.conversations.reply(tokyo.id, { authorId: acme.kari.id, text: 'おはようございます' });
    await h.at('2026-11-03T02:00:00Z');
    await ws.conversations.close(tokyo.id);
    await h.at('2026-11-03T14:30:00Z');
    await ws.conversations.reply(newYork.id, { authorId: acme.sven.id, text: 'Good morning' });
    await h.at('2026-11-06T16:30:00Z');
    const oslo = await h.incoming('nora@customer.test');
    await ws.conversations.assign(oslo.id, { userId: acme.ola.id });
    await h.at('2026-11-09T08:15:00Z');
    await ws.conversations.reply(oslo.id, { authorId: acme.ola.id, text: 'God morgen' });
  }

  it('counts only the assigned agent’s working hours, or the inbox’s given ones', async () => {
    await overnight();
    const { kari, ola, sven, salesInbox } = h.acme;
    const inboxes = { [salesInbox.id]: weekdays('America/New_York', '09:00', '17:00') };
    const { items } = await h.ws.analytics.responseTimes({ ...week, groupBy: 'agent', businessHours: { inboxes } });
    const figures = new Map(items.map((g) => [g.key, [g.firstResponse, g.timeToClose]]));
    expect(figures.get(kari.id)).toEqual([one(H), one(2 * H)]);
    expect(figures.get(ola.id)).toEqual([one(15 * MIN), { count: 0, avg: null, median: null, p90: null }]);
    expect(figures.get(sven.id)?.[0]).toEqual(one(H));
  });

  it('without inbox hours an unassigned conversation counts wall-clock time; without businessHours everything does', async () => {
    await overnight();
    const { kari, ola, sven } = h.acme;
    const firstResponse = async (businessHours: boolean) =>
      new Map((await h.ws.analytics.responseTimes({ ...week, groupBy: 'agent', businessHours })).items.map((g) => [g.key, g.firstResponse]));
    const working = await firstResponse(true);
    expect([working.get(kari.id), working.get(ola.id), working.get(sven.id)]).toEqual([one(H), one(15 * MIN), one(17 * H)]);
    const wall = await firstResponse(false);
    expect([wall.get(kari.id), wall.get(ola.id), wall.get(sven.id)]).toEqual([one(15 * H), one(63.75 * H), one(17 * H)]);
  });

  it('volume buckets follow the local calendar, DST included', async () => {
    // New York springs forward on Sunday 2027-03-14: that local day is 23 hours long.
    await h.at('2027-03-14T05:30:00Z'); // 00:30 EST, Sunday
    const early = await h.incoming('early@customer.test');
    await h.at('2027-03-15T03:30:00Z'); // 23:30 EDT, still Sunday
    await h.incoming('late@customer.test');
    await h.at('2027-03-15T04:00:00Z'); // Monday 00:00 EDT
    await h.ws.conversations.close(early.id);
    const { items } = await h.ws.analytics.volume({ from: at('2027-03-14T05:00:00Z'), to: at('2027-03-16T04:00:00Z'), interval: 'day', timeZone: 'America/New_York' });
    expect(items.map(({ start, end, created, closed, open }) => ({ start, end, created, closed, open }))).toEqual([
      { start: at('2027-03-14T05:00:00Z'), end: at('2027-03-15T04:00:00Z'), created: 2, closed: 0, open: 2 },
      { start: at('2027-03-15T04:00:00Z'), end: at('2027-03-16T04:00:00Z'), created: 0, closed: 1, open: 1 },
    ]);
  });
});
