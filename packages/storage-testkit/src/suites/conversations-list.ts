import type { Channel, Conversation, ConversationFilter, ConversationStatus, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { byActivity, collectPages, idsOf } from '../helpers.js';
import { seedWorld } from '../seed.js';

/** The filter semantics of the contract, written out: every given filter must match. */
function matches(c: Conversation, f: ConversationFilter): boolean {
  return (
    (f.inboxIds === undefined || f.inboxIds.includes(c.inboxId)) &&
    (f.statuses === undefined || f.statuses.includes(c.status)) &&
    (f.assigneeId === undefined || c.assigneeId === f.assigneeId) &&
    (f.teamId === undefined || c.teamId === f.teamId) &&
    (f.channelType === undefined || c.channelType === f.channelType) &&
    (f.channelId === undefined || c.channelId === f.channelId) &&
    (f.contactId === undefined || c.contactId === f.contactId) &&
    (f.spam === undefined || c.spam === f.spam) &&
    (f.lastMessageAt?.from === undefined || c.lastMessageAt >= f.lastMessageAt.from) &&
    (f.lastMessageAt?.to === undefined || c.lastMessageAt < f.lastMessageAt.to) &&
    (f.tagIds === undefined || c.tagIds.some((id) => f.tagIds!.includes(id)))
  );
}

/**
 * 24 conversations over 3 inboxes, 4 channels of 3 types, 2 contacts, every status, 2
 * assignees and unassigned, a team or none, some spam, none to two tags, and many
 * `lastMessageAt` ties.
 * The moduli differ so the filters below cut the set in different ways.
 */
async function seedMatrix(storage: Storage) {
  const world = await seedWorld(storage);
  const ws = world.workspace;
  const [inboxB, inboxC] = [fixtures.inbox(ws), fixtures.inbox(ws)];
  const channels: Channel[] = [
    world.channel,
    fixtures.channel(ws, { inboxId: world.inbox.id, type: 'chat' }),
    fixtures.channel(ws, { inboxId: inboxB.id, type: 'forms' }),
    fixtures.channel(ws, { inboxId: inboxC.id, type: 'email' }),
  ];
  for (const inbox of [inboxB, inboxC]) await storage.records.put('inbox', inbox);
  for (const channel of channels.slice(1)) await storage.records.put('channel', channel);
  const contacts = [world.contact, await world.contactOf()];
  const statuses: ConversationStatus[] = ['open', 'closed', 'snoozed'];

  const data: Conversation[] = [];
  for (let i = 0; i < 24; i++) {
    const channel = channels[i % 4]!;
    const status = statuses[Math.floor(i / 4) % 3]!;
    data.push(
      await world.conversation({
        inboxId: channel.inboxId,
        channelId: channel.id,
        channelType: channel.type,
        contactId: contacts[Math.floor(i / 2) % 2]!.id,
        status,
        snoozedUntil: status === 'snoozed' ? FIXTURE_TIME + 1_000_000 + i : null,
        assigneeId: ['user_1', null, 'user_2', null, 'user_1'][i % 5]!,
        teamId: i % 3 === 0 ? null : 'team_1',
        spam: i % 7 === 3,
        tagIds: [['tag_a'], [], ['tag_b', 'tag_a'], ['tag_c'], []][i % 5]!,
        lastMessageAt: FIXTURE_TIME + (i % 5) * 1000,
      }),
    );
  }
  return { ws: ws.id, data, inboxes: [world.inbox.id, inboxB.id, inboxC.id], channels, contacts };
}

type Matrix = Awaited<ReturnType<typeof seedMatrix>>;

const filterCases: Array<{ name: string; filter: (m: Matrix) => ConversationFilter; expect?: 'all' | 'none' }> = [
  { name: 'no filter', filter: () => ({}), expect: 'all' },
  { name: 'inboxIds (one)', filter: (m) => ({ inboxIds: [m.inboxes[0]!] }) },
  { name: 'inboxIds (several)', filter: (m) => ({ inboxIds: [m.inboxes[0]!, m.inboxes[2]!] }) },
  { name: 'inboxIds (empty array matches nothing)', filter: () => ({ inboxIds: [] }), expect: 'none' },
  { name: 'statuses (one)', filter: () => ({ statuses: ['open'] }) },
  { name: 'statuses (several)', filter: () => ({ statuses: ['open', 'snoozed'] }) },
  { name: 'assigneeId (a user)', filter: () => ({ assigneeId: 'user_1' }) },
  { name: 'assigneeId null (unassigned)', filter: () => ({ assigneeId: null }) },
  { name: 'teamId (a team)', filter: () => ({ teamId: 'team_1' }) },
  { name: 'teamId null (no team)', filter: () => ({ teamId: null }) },
  { name: 'channelType', filter: () => ({ channelType: 'email' }) },
  { name: 'channelId', filter: (m) => ({ channelId: m.channels[2]!.id }) },
  { name: 'contactId', filter: (m) => ({ contactId: m.contacts[1]!.id }) },
  { name: 'spam true', filter: () => ({ spam: true }) },
  { name: 'spam false', filter: () => ({ spam: false }) },
  { name: 'tagIds (one)', filter: () => ({ tagIds: ['tag_a'] }) },
  { name: 'tagIds (several: any of them)', filter: () => ({ tagIds: ['tag_b', 'tag_c'] }) },
  { name: 'tagIds (empty array matches nothing)', filter: () => ({ tagIds: [] }), expect: 'none' },
  { name: 'tagIds (unknown tag matches nothing)', filter: () => ({ tagIds: ['tag_none'] }), expect: 'none' },
  { name: 'tagIds + inboxIds + statuses', filter: (m) => ({ tagIds: ['tag_a'], inboxIds: [m.inboxes[0]!], statuses: ['open', 'closed'] }) },
  {
    name: 'inboxIds + statuses + unassigned + not spam',
    filter: (m) => ({ inboxIds: [m.inboxes[0]!], statuses: ['open', 'snoozed'], assigneeId: null, spam: false }),
  },
  { name: 'teamId + channelType + contactId', filter: (m) => ({ teamId: 'team_1', channelType: 'email', contactId: m.contacts[0]!.id }) },
  { name: 'statuses + assigneeId + teamId', filter: () => ({ statuses: ['closed', 'snoozed'], assigneeId: 'user_2', teamId: 'team_1' }) },
  { name: 'statuses + no team + unassigned', filter: () => ({ statuses: ['open'], teamId: null, assigneeId: null }) },
  { name: 'channelId + spam false', filter: (m) => ({ channelId: m.channels[3]!.id, spam: false }) },
  { name: 'lastMessageAt from (inclusive)', filter: () => ({ lastMessageAt: { from: FIXTURE_TIME + 3000 } }) },
  { name: 'lastMessageAt to (exclusive)', filter: () => ({ lastMessageAt: { to: FIXTURE_TIME + 1000 } }) },
  { name: 'lastMessageAt window + statuses', filter: () => ({ lastMessageAt: { from: FIXTURE_TIME + 1000, to: FIXTURE_TIME + 4000 }, statuses: ['open', 'closed'] }) },
  { name: 'lastMessageAt window + inboxIds', filter: (m) => ({ lastMessageAt: { from: FIXTURE_TIME + 2000, to: FIXTURE_TIME + 3000 }, inboxIds: [m.inboxes[0]!] }) },
];

export const conversationListsSuite = defineSuite('conversations', (t) => {
  for (const c of filterCases) {
    t.test(`filter ${c.name}: list (all pages) and count agree with the filter`, async ({ storage }) => {
      const matrix = await seedMatrix(storage);
      const filter = c.filter(matrix);
      const expected = matrix.data.filter((conversation) => matches(conversation, filter)).sort(byActivity);
      // Guard the data set itself: a filter that keeps everything or nothing proves little.
      if (c.expect === 'none') expect(expected).toEqual([]);
      else if (c.expect === 'all') expect(expected).toHaveLength(matrix.data.length);
      else expect(expected.length, 'data set should split on this filter').toSatisfy((n: number) => n > 0 && n < matrix.data.length);

      const { items } = await collectPages((cursor) => storage.conversations.list(matrix.ws, { ...filter, cursor, limit: 4 }), 4);
      expect(items).toEqual(expected);
      expect(await storage.conversations.count(matrix.ws, filter)).toBe(expected.length);
    });
  }

  t.test('list orders by lastMessageAt desc, then id desc', async ({ storage }) => {
    const world = await seedWorld(storage);
    const at = (ms: number) => ({ lastMessageAt: FIXTURE_TIME + ms });
    // Explicit ids so the expected order is written out, not computed.
    const a = await world.conversation({ id: 'conv_a', ...at(2) });
    const b = await world.conversation({ id: 'conv_b', ...at(2) });
    const c = await world.conversation({ id: 'conv_c', ...at(1) });
    const d = await world.conversation({ id: 'conv_d', ...at(3) });
    const page = await storage.conversations.list(world.workspace.id, { limit: 10 });
    expect(idsOf(page.items)).toEqual(idsOf([d, b, a, c]));
    expect(page.nextCursor).toBeNull();
  });

  t.test('pages split ties on lastMessageAt without repeating or skipping, at every page size', async ({ storage }) => {
    const world = await seedWorld(storage);
    const data: Conversation[] = [];
    // Seven conversations share one instant so page boundaries fall inside the tie.
    for (let i = 0; i < 10; i++) data.push(await world.conversation({ lastMessageAt: FIXTURE_TIME + (i < 7 ? 5000 : i) }));
    const expected = idsOf([...data].sort(byActivity));
    for (const limit of [1, 2, 3, 4, 7, 9, 10, 11]) {
      const { items, pages } = await collectPages((cursor) => storage.conversations.list(world.workspace.id, { cursor, limit }), limit);
      expect(idsOf(items), `limit ${limit}`).toEqual(expected);
      expect(pages, `pages at limit ${limit}`).toBe(Math.ceil(10 / limit));
    }
  });

  t.test('the status, unassigned and no-team views page through ties on lastMessageAt exactly, and follow reassignment', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const data: Conversation[] = [];
    // Three instants shared by 18 conversations, the statuses and assignment interleaved
    // within each instant, so a page boundary falls between rows of one tie that other rows
    // of the same tie (filtered out) separate in id order.
    for (let i = 0; i < 18; i++) {
      data.push(
        await world.conversation({
          lastMessageAt: FIXTURE_TIME + (i % 3) * 1000,
          status: i % 4 === 3 ? 'closed' : 'open',
          closedAt: i % 4 === 3 ? FIXTURE_TIME : null,
          assigneeId: i % 3 === 1 ? 'user_1' : i % 5 === 0 ? 'user_2' : null,
          teamId: i % 2 === 0 ? null : 'team_1',
          spam: i === 7,
        }),
      );
    }
    const views: ConversationFilter[] = [
      { statuses: ['open'], spam: false },
      { assigneeId: null, statuses: ['open'], spam: false },
      { teamId: null, statuses: ['open'], spam: false },
    ];
    const expectPages = async (rows: Conversation[]) => {
      for (const filter of views) {
        const expected = idsOf(rows.filter((c) => matches(c, filter)).sort(byActivity));
        expect(expected.length, 'data set should split on this view').toSatisfy((n: number) => n > 2 && n < rows.length);
        for (const limit of [1, 2, 3, 5]) {
          const { items } = await collectPages((cursor) => storage.conversations.list(ws, { ...filter, cursor, limit }), limit);
          expect(idsOf(items), `${JSON.stringify(filter)} at limit ${limit}`).toEqual(expected);
        }
      }
    };
    await expectPages(data);
    // Moves in and out of the views: assigned, unassigned, closed, reopened, team set and cleared.
    const changed = data.map((c, i): Conversation => {
      if (i === 0) return { ...c, assigneeId: 'user_1' };
      if (i === 1) return { ...c, assigneeId: null };
      if (i === 2) return { ...c, status: 'closed', closedAt: FIXTURE_TIME };
      if (i === 3) return { ...c, status: 'open', closedAt: null };
      if (i === 4) return { ...c, teamId: 'team_1' };
      if (i === 5) return { ...c, teamId: null };
      return c;
    });
    for (const c of changed.slice(0, 6)) await storage.conversations.update(c);
    await expectPages(changed);
  });

  t.test('pagination stays stable while conversations are inserted and updated between pages', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const original: Conversation[] = [];
    for (const at of [5, 5, 5, 4, 4, 3, 3, 3, 2, 1]) original.push(await world.conversation({ lastMessageAt: FIXTURE_TIME + at * 1000 }));
    const sorted = [...original].sort(byActivity);
    const list = (cursor: string | null) => storage.conversations.list(ws, { cursor, limit: 3 });

    const seen: Conversation[] = [];
    let page = await list(null);
    seen.push(...page.items);
    // Between pages: new activity on top and inside the unseen range, a seen and an unseen
    // conversation bumped to the top, and an unseen one changed without new activity.
    await world.conversation({ lastMessageAt: FIXTURE_TIME + 10_000 });
    await world.conversation({ lastMessageAt: FIXTURE_TIME + 3000 });
    const bumpedSeen = sorted[1]!;
    const bumpedUnseen = sorted[6]!;
    const quietlyChanged = { ...sorted[4]!, status: 'closed' as const, closedAt: FIXTURE_TIME + 1 };
    for (const c of [bumpedSeen, bumpedUnseen]) await storage.conversations.update({ ...c, lastMessageAt: FIXTURE_TIME + 20_000 });
    await storage.conversations.update(quietlyChanged);
    while (page.nextCursor !== null) {
      page = await list(page.nextCursor);
      seen.push(...page.items);
      await world.conversation({ lastMessageAt: FIXTURE_TIME + 30_000 }); // more new activity
    }

    const seenIds = idsOf(seen);
    expect(new Set(seenIds).size, 'no conversation repeats').toBe(seenIds.length);
    const unchanged = sorted.filter((c) => c !== bumpedUnseen && c !== bumpedSeen);
    expect(seenIds).toEqual(expect.arrayContaining(idsOf(unchanged)));
    // The later page shows the conversation as it is now, not as it was at the first call.
    expect(seen.find((c) => c.id === quietlyChanged.id)).toEqual(quietlyChanged);
  });
});
