import type { Conversation, ReadStateStore, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite, type ConformanceContext } from '../harness.js';

/** The store's read-state area (skips the test for stores without the capability). */
function readsOf({ storage, skip }: ConformanceContext): ReadStateStore {
  const reads = storage.capabilities.reads ? storage.reads : undefined;
  return reads ?? skip('store has no reads capability');
}

async function conversationsIn(storage: Storage, count: number, overrides: (n: number) => Partial<Conversation> = () => ({})) {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  const conversations: Conversation[] = [];
  for (let n = 0; n < count; n++) {
    const conversation = fixtures.conversation(ws, overrides(n));
    await storage.conversations.insert(conversation);
    conversations.push(conversation);
  }
  return { ws: ws.id, conversations };
}

const T = FIXTURE_TIME;

export const readsSuite = defineSuite('reads', (t) => {
  t.test('a conversation is unread until marked read, and again after a later incoming message', async (ctx) => {
    const reads = readsOf(ctx);
    const { ws, conversations: [c] } = await conversationsIn(ctx.storage, 1);
    const id = c!.id;
    expect(await reads.status(ws, 'u1', [id])).toEqual([{ conversationId: id, unread: true, readAt: null }]);
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: id, readAt: T + 10 });
    expect(await reads.status(ws, 'u1', [id])).toEqual([{ conversationId: id, unread: false, readAt: T + 10 }]);
    // At the very read time: still read. An older arrival noted late changes nothing.
    await reads.noteIncoming(ws, id, T + 10);
    await reads.noteIncoming(ws, id, T + 5);
    expect((await reads.status(ws, 'u1', [id]))[0]!.unread).toBe(false);
    await reads.noteIncoming(ws, id, T + 11);
    expect(await reads.status(ws, 'u1', [id])).toEqual([{ conversationId: id, unread: true, readAt: T + 10 }]);
    expect((await reads.status(ws, 'u2', [id]))[0]!.unread, 'another user never read it').toBe(true);
  });

  t.test('the latest noted arrival counts, whatever order they are noted in', async (ctx) => {
    const reads = readsOf(ctx);
    const { ws, conversations: [c] } = await conversationsIn(ctx.storage, 1);
    await reads.noteIncoming(ws, c!.id, T + 30);
    await reads.noteIncoming(ws, c!.id, T + 20);
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: c!.id, readAt: T + 25 });
    expect((await reads.status(ws, 'u1', [c!.id]))[0]!.unread).toBe(true);
  });

  t.test('a null mark is unread on purpose; put replaces the mark', async (ctx) => {
    const reads = readsOf(ctx);
    const { ws, conversations: [c] } = await conversationsIn(ctx.storage, 1);
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: c!.id, readAt: T + 100 });
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: c!.id, readAt: null });
    expect(await reads.status(ws, 'u1', [c!.id])).toEqual([{ conversationId: c!.id, unread: true, readAt: null }]);
  });

  t.test('status keeps the given order, once per id, and leaves out missing ids and other workspaces', async (ctx) => {
    const reads = readsOf(ctx);
    const { ws, conversations } = await conversationsIn(ctx.storage, 3);
    const other = await conversationsIn(ctx.storage, 1);
    const [a, b, c] = conversations.map((x) => x.id);
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: b!, readAt: T });
    const got = await reads.status(ws, 'u1', [c!, 'conv_missing', a!, c!, other.conversations[0]!.id, b!]);
    expect(got.map((s) => [s.conversationId, s.unread])).toEqual([[c, true], [a, true], [b, false]]);
    expect(await reads.status(ws, 'u1', [])).toEqual([]);
  });

  t.test('countUnread counts the filter\'s conversations minus those the user read since their last message', async (ctx) => {
    const reads = readsOf(ctx);
    const { ws, conversations } = await conversationsIn(ctx.storage, 6, (n) => ({
      inboxId: n % 2 === 0 ? 'inbox_a' : 'inbox_b',
      status: n === 5 ? 'closed' : 'open',
      assigneeId: n < 2 ? 'u1' : null,
    }));
    const id = (n: number) => conversations[n]!.id;
    const mark = (n: number, readAt: number | null, userId = 'u1') => reads.put({ workspaceId: ws, userId, conversationId: id(n), readAt });
    await mark(0, T); // read
    await mark(2, T); // read, then a new message
    await reads.noteIncoming(ws, id(2), T + 1);
    await mark(3, null); // marked unread
    await mark(4, T, 'u2'); // someone else's read
    await mark(5, T); // read, but closed
    expect(await reads.countUnread(ws, 'u1', {})).toBe(4); // 1, 2, 3, 4
    expect(await reads.countUnread(ws, 'u1', { statuses: ['open'] })).toBe(4);
    expect(await reads.countUnread(ws, 'u1', { inboxIds: ['inbox_a'] })).toBe(2); // 2, 4
    expect(await reads.countUnread(ws, 'u1', { assigneeId: 'u1' })).toBe(1); // 1
    expect(await reads.countUnread(ws, 'u1', { assigneeId: null, statuses: ['open'] })).toBe(3); // 2, 3, 4
    expect(await reads.countUnread(ws, 'u1', { inboxIds: [] })).toBe(0);
    expect(await reads.countUnread(ws, 'u2', {})).toBe(5);
  });

  t.test('writes inside a rolled-back transaction leave no trace', async (ctx) => {
    readsOf(ctx);
    const { ws, conversations: [c] } = await conversationsIn(ctx.storage, 1);
    await ctx.storage.reads!.put({ workspaceId: ws, userId: 'u1', conversationId: c!.id, readAt: T });
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.reads!.put({ workspaceId: ws, userId: 'u1', conversationId: c!.id, readAt: null });
        await tx.reads!.noteIncoming(ws, c!.id, T + 50);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await ctx.storage.reads!.status(ws, 'u1', [c!.id])).toEqual([{ conversationId: c!.id, unread: false, readAt: T }]);
  });

  t.test('marks and arrivals stay in their workspace', async (ctx) => {
    const reads = readsOf(ctx);
    const a = await conversationsIn(ctx.storage, 1);
    const b = await conversationsIn(ctx.storage, 1, () => ({ id: a.conversations[0]!.id }));
    const id = a.conversations[0]!.id;
    await reads.put({ workspaceId: a.ws, userId: 'u1', conversationId: id, readAt: T });
    await reads.noteIncoming(b.ws, id, T + 100);
    expect((await reads.status(a.ws, 'u1', [id]))[0]!.unread).toBe(false);
    expect((await reads.status(b.ws, 'u1', [id]))[0]!.unread).toBe(true);
    expect(await reads.countUnread(a.ws, 'u1', {})).toBe(0);
    expect(await reads.countUnread(b.ws, 'u1', {})).toBe(1);
  });
});
