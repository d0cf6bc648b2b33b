import type { AgentReplies, AnalyticsConversationFilter } from '@inboxkit/core';
import { expect } from 'vitest';
import { T, TEAM, seedOffice } from '../analytics-office.js';
import { H, analyticsWorld } from '../analytics-world.js';
import { defineSuite } from '../harness.js';

const row = (userId: string, conversationsReplied: number, messagesSent: number): AgentReplies => ({ userId, conversationsReplied, messagesSent });

/** Filters by the office's inboxes, given their ids. */
type FilterOf = (inboxes: { a: string; b: string }) => AnalyticsConversationFilter;

// Hand-computed from the office scenario (see analytics-office.ts).
const cases: Array<[title: string, from: number, to: number, filter: FilterOf, expected: AgentReplies[]]> = [
  // ben: c1 (T+3.5h) and c2 (T+0.5h, T+5h); ana: c1 twice; ana's c3 reply (T+26h) is outside; cy's is spam.
  ['one day: most conversations first', T, T + 24 * H, () => ({}), [row('user_ben', 2, 3), row('user_ana', 1, 2)]],
  // ana gains c3: both 2 conversations and 3 messages, so the user id decides.
  ['two days: ties are broken by user id', T, T + 48 * H, () => ({}), [row('user_ana', 2, 3), row('user_ben', 2, 3)]],
  // c5's reply at T−10h was written before the contact ever wrote: it still counts as sent.
  ['a reply before any incoming message counts as sent', T - 24 * H, T + 48 * H, () => ({}), [row('user_ana', 3, 4), row('user_ben', 2, 3)]],
  ['by team', T, T + 48 * H, () => ({ teamId: TEAM }), [row('user_ana', 2, 3), row('user_ben', 1, 1)]],
  ['by channel type', T, T + 48 * H, () => ({ channelType: 'chat' }), [row('user_ana', 1, 1)]],
  ['by inbox', T, T + 48 * H, ({ b }) => ({ inboxIds: [b] }), [row('user_ana', 1, 1)]],
  ['several inboxes', T, T + 48 * H, ({ a, b }) => ({ inboxIds: [a, b] }), [row('user_ana', 2, 3), row('user_ben', 2, 3)]],
  ['an empty inbox list matches nothing', T, T + 48 * H, () => ({ inboxIds: [] }), []],
  // The window is half-open: ana's reply at exactly T+H is out of [T, T+H), ben's at T+0.5h is in.
  ['the window end is exclusive', T, T + H, () => ({}), [row('user_ben', 1, 1)]],
];

export const analyticsRepliesSuite = defineSuite('analytics: repliesByAgent', (t) => {
  for (const [title, from, to, filter, expected] of cases) {
    t.test(title, async (ctx) => {
      const world = await analyticsWorld(ctx);
      const office = await seedOffice(world);
      expect(await world.analytics.repliesByAgent(world.workspace.id, { from, to, ...filter(office) })).toEqual(expected);
    });
  }

  t.test('counts one workspace only, and an empty workspace has no rows', async (ctx) => {
    const world = await analyticsWorld(ctx);
    const other = await analyticsWorld(ctx, 'Other');
    await world.scenario({}, [['in', T], ['user:user_ana', T + H]]);
    expect(await other.analytics.repliesByAgent(other.workspace.id, { from: T, to: T + 24 * H })).toEqual([]);
    expect(await world.analytics.repliesByAgent(world.workspace.id, { from: T, to: T + 24 * H })).toEqual([row('user_ana', 1, 1)]);
  });

  t.test('by tag: only conversations carrying it, never spam', async (ctx) => {
    const world = await analyticsWorld(ctx);
    const office = await seedOffice(world);
    for (const c of [office.c[1], office.c[4]]) await world.storage.conversations.update({ ...c, tagIds: ['tag_vip'] });
    // c1: ana twice, ben once; c4 (cy) is spam.
    expect(await world.analytics.repliesByAgent(world.workspace.id, { from: T, to: T + 48 * H, tagId: 'tag_vip' })).toEqual([row('user_ana', 1, 2), row('user_ben', 1, 1)]);
  });

  t.test('a message moved to another conversation (merge) counts there', async (ctx) => {
    const world = await analyticsWorld(ctx);
    const office = await seedOffice(world);
    // Merging c2 into c1: ben's replies now all belong to c1.
    for (const item of (await world.storage.timeline.list(world.workspace.id, office.c[2].id, { limit: 100 })).items) {
      await world.storage.timeline.update({ ...item, conversationId: office.c[1].id });
    }
    expect(await world.analytics.repliesByAgent(world.workspace.id, { from: T, to: T + 24 * H })).toEqual([row('user_ben', 1, 3), row('user_ana', 1, 2)]);
  });
});
