import type { AnalyticsConversationFilter, VolumeCounts } from '@inboxkit/core';
import { expect } from 'vitest';
import { T } from '../analytics-office.js';
import { H, analyticsWorld, type AnalyticsWorld } from '../analytics-world.js';
import { defineSuite } from '../harness.js';

const D = 24 * H;
/** Three day buckets: [T, T+1d), [T+1d, T+2d), [T+2d, T+3d). */
const boundaries = [T, T + D, T + 2 * D, T + 3 * D];
const counts = (created: number, closed: number, open: number): VolumeCounts => ({ created, closed, open });

/**
 * v1 email, created before the window, never closed: open at every bucket end.
 * v2 email, created T+2h, closed T+1d+1h: created in bucket 0, closed in bucket 1.
 * v3 chat, created T+1d+5h, open: created in bucket 1, open at the ends of buckets 1 and 2.
 * v4 chat, closed before the window: nowhere. v5 email spam: never counted.
 * v6 forms, created exactly at the window's end: nowhere (so no `forms` entry at all).
 * v7 email, created T+2d+1h and closed an hour later: created and closed in bucket 2, never open at an end.
 * Tag `tag_vip` is on v1, v3, v5 (spam) and v7; `tag_other` on v2.
 */
async function seedVolume(world: AnalyticsWorld): Promise<void> {
  const chat = await world.addInbox('Chat');
  const vip = ['tag_vip'];
  await world.scenario({ createdAt: T - D, tagIds: vip }, [['in', T - D]]);
  await world.scenario({ status: 'closed', closedAt: T + D + H, tagIds: ['tag_other'] }, [['in', T + 2 * H]]);
  await world.scenario({ inbox: chat, channelType: 'chat', tagIds: vip }, [['in', T + D + 5 * H]]);
  await world.scenario({ inbox: chat, channelType: 'chat', status: 'closed', closedAt: T - H }, [['in', T - 2 * D]]);
  await world.scenario({ spam: true, tagIds: vip }, [['in', T + 3 * H]]);
  await world.scenario({ channelType: 'forms' }, [['in', T + 3 * D]]);
  await world.scenario({ status: 'closed', closedAt: T + 2 * D + 2 * H, tagIds: vip }, [['in', T + 2 * D + H]]);
}

const cases: Array<[title: string, filter: AnalyticsConversationFilter, totals: VolumeCounts[], channels: Array<Record<string, VolumeCounts>>]> = [
  [
    'per bucket and channel type',
    {},
    [counts(1, 0, 2), counts(1, 1, 2), counts(1, 1, 2)],
    [
      { chat: counts(0, 0, 0), email: counts(1, 0, 2) },
      { chat: counts(1, 0, 1), email: counts(0, 1, 1) },
      { chat: counts(0, 0, 1), email: counts(1, 1, 1) },
    ],
  ],
  ['filtered by channel type', { channelType: 'chat' }, [counts(0, 0, 0), counts(1, 0, 1), counts(0, 0, 1)], [{ chat: counts(0, 0, 0) }, { chat: counts(1, 0, 1) }, { chat: counts(0, 0, 1) }]],
  // v1 open at every end; v3 created in bucket 1 and open after; v7 created and closed in bucket 2; v5 is spam.
  [
    'filtered by tag',
    { tagId: 'tag_vip' },
    [counts(0, 0, 1), counts(1, 0, 2), counts(1, 1, 2)],
    [
      { chat: counts(0, 0, 0), email: counts(0, 0, 1) },
      { chat: counts(1, 0, 1), email: counts(0, 0, 1) },
      { chat: counts(0, 0, 1), email: counts(1, 1, 1) },
    ],
  ],
  ['a tag no conversation carries counts nothing', { tagId: 'tag_none' }, [counts(0, 0, 0), counts(0, 0, 0), counts(0, 0, 0)], [{}, {}, {}]],
  ['an empty inbox list counts nothing', { inboxIds: [] }, [counts(0, 0, 0), counts(0, 0, 0), counts(0, 0, 0)], [{}, {}, {}]],
];

export const analyticsVolumeSuite = defineSuite('analytics: volume', (t) => {
  for (const [title, filter, totals, channels] of cases) {
    t.test(title, async (ctx) => {
      const world = await analyticsWorld(ctx);
      await seedVolume(world);
      const buckets = await world.analytics.volume(world.workspace.id, { boundaries, ...filter });
      expect(buckets.map(({ start, end }) => [start, end])).toEqual([[T, T + D], [T + D, T + 2 * D], [T + 2 * D, T + 3 * D]]);
      expect(buckets.map(({ created, closed, open }) => counts(created, closed, open))).toEqual(totals);
      expect(buckets.map((b) => b.channels)).toEqual(channels);
    });
  }

  t.test('buckets of any length: one bucket is the whole window', async (ctx) => {
    const world = await analyticsWorld(ctx);
    await seedVolume(world);
    const [bucket] = await world.analytics.volume(world.workspace.id, { boundaries: [T, T + 3 * D] });
    // Created v2, v3, v7; closed v2, v7; open at T+3d: v1, v3.
    expect(bucket).toMatchObject({ start: T, end: T + 3 * D, created: 3, closed: 2, open: 2 });
  });

  t.test('a reopened conversation (closedAt cleared) is open again in every bucket', async (ctx) => {
    const world = await analyticsWorld(ctx);
    const conversation = await world.scenario({ status: 'closed', closedAt: T + 2 * H }, [['in', T + H]]);
    await world.storage.conversations.update({ ...conversation, status: 'open', closedAt: null });
    const buckets = await world.analytics.volume(world.workspace.id, { boundaries });
    expect(buckets.map(({ created, closed, open }) => counts(created, closed, open))).toEqual([counts(1, 0, 1), counts(0, 0, 1), counts(0, 0, 1)]);
  });
});
