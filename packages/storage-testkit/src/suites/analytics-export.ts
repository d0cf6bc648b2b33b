import { ValidationError, type ConversationExportRow } from '@inboxkit/core';
import { expect } from 'vitest';
import { T, TEAM, seedOffice } from '../analytics-office.js';
import { H, analyticsWorld } from '../analytics-world.js';
import { defineSuite } from '../harness.js';
import { collectPages } from '../helpers.js';

type Office = Awaited<ReturnType<typeof seedOffice>>;
type Expected = (office: Office) => Array<Partial<ConversationExportRow>>;

// Hand-computed from the office scenario (see analytics-office.ts); c4 is spam and never exported.
const rows: Record<'c1' | 'c2' | 'c3' | 'c5', (o: Office) => Partial<ConversationExportRow>> = {
  c1: ({ a, c }) => ({
    conversationId: c[1].id, inboxId: a, channelType: 'email', assigneeId: 'user_ana', teamId: TEAM, status: 'closed', createdAt: T,
    firstIncomingAt: T, firstResponseAt: T + H, closedAt: T + 4 * H, incomingMessages: 2, userMessages: 3, botMessages: 0,
  }),
  // The bot message counts as a bot message; the comment counts nowhere.
  c2: ({ c }) => ({ conversationId: c[2].id, assigneeId: 'user_ben', teamId: null, status: 'open', firstResponseAt: T + 0.5 * H, closedAt: null, incomingMessages: 1, userMessages: 2, botMessages: 1 }),
  c3: ({ b, c }) => ({ conversationId: c[3].id, inboxId: b, channelType: 'chat', firstIncomingAt: T + H, firstResponseAt: T + 26 * H, closedAt: T + 30 * H }),
  // Started by an agent: the first incoming message came later and is unanswered.
  c5: ({ c }) => ({ conversationId: c[5].id, createdAt: T - 10 * H, firstIncomingAt: T + 40 * H, firstResponseAt: null, incomingMessages: 1, userMessages: 1, botMessages: 1 }),
};

const cases: Array<[title: string, from: number, to: number, filter: object, expected: Expected]> = [
  // Oldest first; c1 and c2 were both created at T, so their ids decide.
  ['every conversation created in the window, oldest first', T - 24 * H, T + 48 * H, {}, (o) => [rows.c5(o), rows.c1(o), rows.c2(o), rows.c3(o)]],
  ['the window is by creation time, end exclusive', T, T + H, {}, (o) => [rows.c1(o), rows.c2(o)]],
  ['filtered like every report', T - 24 * H, T + 48 * H, { teamId: TEAM }, (o) => [rows.c1(o), rows.c3(o)]],
];

export const analyticsExportSuite = defineSuite('analytics: exportConversations', (t) => {
  for (const [title, from, to, filter, expected] of cases) {
    t.test(title, async (ctx) => {
      const world = await analyticsWorld(ctx);
      const office = await seedOffice(world);
      // Pages of two: the rows must come out complete, in order, without repeats, across pages.
      const { items } = await collectPages((cursor) => world.analytics.exportConversations(world.workspace.id, { from, to, ...filter, cursor, limit: 2 }), 2);
      expect(items).toEqual(expected(office).map((row) => expect.objectContaining(row)));
    });
  }

  t.test('rows carry every field, and a full last page has no next cursor', async (ctx) => {
    const world = await analyticsWorld(ctx);
    const { c } = await seedOffice(world);
    const page = await world.analytics.exportConversations(world.workspace.id, { from: T, to: T + 0.5 * H, cursor: null, limit: 2 });
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({
      conversationId: c[1].id, inboxId: world.inbox.id, channelId: world.channel.id, channelType: 'email', assigneeId: 'user_ana', teamId: TEAM,
      contactId: world.contact.id, status: 'closed', createdAt: T, firstIncomingAt: T, firstResponseAt: T + H, closedAt: T + 4 * H,
      incomingMessages: 2, userMessages: 3, botMessages: 0,
    });
  });

  t.test('an empty window is one empty page; a malformed cursor is a VALIDATION error', async (ctx) => {
    const world = await analyticsWorld(ctx);
    await seedOffice(world);
    const query = { from: T + 100 * H, to: T + 200 * H, limit: 10 };
    expect(await world.analytics.exportConversations(world.workspace.id, { ...query, cursor: null })).toEqual({ items: [], nextCursor: null });
    const outcome = await world.analytics.exportConversations(world.workspace.id, { ...query, cursor: 'not-a-cursor' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(ValidationError.isInstance(outcome), String(outcome)).toBe(true);
  });
});
