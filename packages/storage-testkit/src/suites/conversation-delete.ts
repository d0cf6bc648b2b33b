import type { Conversation, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { botSession, botTransitions } from '../bot-fixtures.js';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { idsOf } from '../helpers.js';
import { seedWorld, type World } from '../seed.js';

const H = 3_600_000;

/** A conversation with an incoming message, a comment and a pending user reply, all stored. */
async function threaded(world: World, overrides: Partial<Conversation> = {}) {
  const conversation = await world.conversation({ messageCount: 2, ...overrides });
  const incoming = await world.item(fixtures.message(conversation, { createdAt: FIXTURE_TIME + 1 }));
  const note = await world.item(fixtures.comment(conversation, 'user_ana', { createdAt: FIXTURE_TIME + 2 }));
  const reply = await world.item(fixtures.reply(conversation, 'user_ana', { createdAt: FIXTURE_TIME + 3 }));
  return { conversation, incoming, note, reply };
}

/** Everything a deleted conversation leaves findable, for one look before and after. */
async function traces(storage: Storage, thread: Awaited<ReturnType<typeof threaded>>) {
  const { conversation, incoming, note, reply } = thread;
  const ws = conversation.workspaceId;
  return {
    conversation: await storage.conversations.get(ws, conversation.id),
    items: (await storage.timeline.list(ws, conversation.id, { limit: 10 })).items.length,
    incoming: await storage.timeline.get(ws, incoming.id),
    note: await storage.timeline.get(ws, note.id),
    byExternalId: await storage.timeline.findByExternalId(ws, conversation.channelId, incoming.externalId!),
    byExternalIds: await storage.timeline.findByExternalIds(ws, [incoming.externalId!]),
    pending: idsOf(await storage.timeline.listPending(FIXTURE_TIME + H, 100)).includes(reply.id),
    listed: idsOf((await storage.conversations.list(ws, { inboxIds: [conversation.inboxId], limit: 10 })).items).includes(conversation.id),
    counted: await storage.conversations.count(ws, { inboxIds: [conversation.inboxId], statuses: ['open'], spam: conversation.spam }),
  };
}

const GONE = { conversation: null, items: 0, incoming: null, note: null, byExternalId: null, byExternalIds: null, pending: false, listed: false, counted: 0 };

// What the spam retention needs: a global scan of old spam, and deleting a conversation whole.
export const conversationDeleteSuite = defineSuite('conversation delete and spam retention', (t) => {
  t.test('listSpamBefore lists spam of every workspace that became spam and last had a message before `before`, earliest first', async ({ storage }) => {
    const [a, b] = [await seedWorld(storage, 'A'), await seedWorld(storage, 'B')];
    const spam = (world: World, spamAt: number, lastMessageAt = spamAt) => world.conversation({ spam: true, spamAt, lastMessageAt });
    const oldB = await spam(b, FIXTURE_TIME + 1);
    const oldA = await spam(a, FIXTURE_TIME + 2);
    const recentlyActive = await spam(a, FIXTURE_TIME + 3, FIXTURE_TIME + 50);
    const atBoundary = await spam(b, FIXTURE_TIME + 10);
    await spam(a, FIXTURE_TIME + 40);
    await a.conversation({ lastMessageAt: FIXTURE_TIME }); // not spam: never listed
    const entry = (c: Conversation) => ({ workspaceId: c.workspaceId, id: c.id, spamAt: c.spamAt });

    expect(await storage.conversations.listSpamBefore(FIXTURE_TIME + 10, 10)).toEqual([entry(oldB), entry(oldA)]);
    expect(await storage.conversations.listSpamBefore(FIXTURE_TIME + 11, 1)).toEqual([entry(oldB)]);
    expect(await storage.conversations.listSpamBefore(FIXTURE_TIME + 11, 10)).toEqual([entry(oldB), entry(oldA), entry(atBoundary)]);
    expect(await storage.conversations.listSpamBefore(FIXTURE_TIME + 51, 10)).toHaveLength(5);
    expect(idsOf(await storage.conversations.listSpamBefore(FIXTURE_TIME + 51, 10))).toContain(recentlyActive.id);
    expect(await storage.conversations.listSpamBefore(FIXTURE_TIME + 1, 10)).toEqual([]);
  });

  t.test('listSpamBefore follows updates: released spam leaves it, newly marked spam joins it', async ({ storage }) => {
    const world = await seedWorld(storage);
    const spam = await world.conversation({ spam: true, spamAt: FIXTURE_TIME });
    const normal = await world.conversation();
    await storage.conversations.update({ ...spam, spam: false, spamAt: null });
    await storage.conversations.update({ ...normal, spam: true, spamAt: FIXTURE_TIME + 5 });
    expect(idsOf(await storage.conversations.listSpamBefore(FIXTURE_TIME + 10, 10))).toEqual([normal.id]);
    expect(await storage.conversations.get(world.workspace.id, normal.id)).toMatchObject({ spam: true, spamAt: FIXTURE_TIME + 5 });
  });

  t.test('delete removes the conversation with its timeline from every lookup, list and count; again it returns false', async ({ storage }) => {
    const world = await seedWorld(storage);
    const doomed = await threaded(world, { spam: true, spamAt: FIXTURE_TIME });
    const kept = await threaded(world, { spam: true, spamAt: FIXTURE_TIME });
    const keptBefore = await traces(storage, kept);
    expect(await traces(storage, doomed)).toMatchObject({ items: 3, pending: true, listed: true, counted: 2 });

    expect(await storage.conversations.delete(world.workspace.id, doomed.conversation.id)).toBe(true);
    expect(await traces(storage, doomed)).toEqual({ ...GONE, counted: 1 });
    expect(await traces(storage, kept)).toEqual({ ...keptBefore, counted: 1 });
    expect(idsOf(await storage.conversations.listSpamBefore(FIXTURE_TIME + H, 10))).toEqual([kept.conversation.id]);
    expect(await storage.conversations.delete(world.workspace.id, doomed.conversation.id)).toBe(false);
    expect(await storage.conversations.delete(world.workspace.id, 'conv_missing')).toBe(false);
    // The deleted message's external id is free again.
    await storage.conversations.insert(doomed.conversation);
    await storage.timeline.insert(doomed.incoming);
    expect(await storage.timeline.findByExternalId(world.workspace.id, doomed.conversation.channelId, doomed.incoming.externalId!)).toEqual(doomed.incoming);
  });

  t.test("delete never touches another workspace's conversation with the same id", async ({ storage }) => {
    const [a, b] = [await seedWorld(storage, 'A'), await seedWorld(storage, 'B')];
    const mine = await threaded(a);
    const theirs = await threaded(b, { id: mine.conversation.id });
    const before = await traces(storage, theirs);
    expect(await storage.conversations.delete(b.workspace.id, 'conv_missing')).toBe(false);
    expect(await storage.conversations.delete(a.workspace.id, mine.conversation.id)).toBe(true);
    expect(await traces(storage, theirs)).toEqual(before);
    expect(await storage.conversations.delete(a.workspace.id, mine.conversation.id)).toBe(false);
  });

  t.test('delete inside a transaction that rolls back leaves the conversation and its timeline as they were', async ({ storage }) => {
    const world = await seedWorld(storage);
    const thread = await threaded(world, { spam: true, spamAt: FIXTURE_TIME });
    const before = await traces(storage, thread);
    await expect(
      storage.transaction(async (tx) => {
        expect(await tx.conversations.delete(world.workspace.id, thread.conversation.id)).toBe(true);
        expect(await tx.conversations.get(world.workspace.id, thread.conversation.id)).toBeNull();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await traces(storage, thread)).toEqual(before);
    expect(idsOf(await storage.conversations.listSpamBefore(FIXTURE_TIME + H, 10))).toEqual([thread.conversation.id]);
  });

  t.test('delete removes the bot sessions of the conversation with their transitions (capability bots)', async ({ storage, skip }) => {
    if (!storage.capabilities.bots || !storage.bots) skip('store has no bots capability');
    const bots = storage.bots!;
    const world = await seedWorld(storage);
    const [doomed, kept] = [await threaded(world), await threaded(world)];
    const session = botSession(world.workspace.id, { conversationId: doomed.conversation.id });
    const other = botSession(world.workspace.id, { conversationId: kept.conversation.id });
    for (const s of [session, other]) {
      await bots.insert(s);
      await bots.addTransitions(world.workspace.id, botTransitions(s, [[null, 'ask', 'start']]));
    }
    await storage.conversations.delete(world.workspace.id, doomed.conversation.id);
    expect(await bots.get(world.workspace.id, session.id)).toBeNull();
    expect(await bots.latestForConversation(world.workspace.id, doomed.conversation.id)).toBeNull();
    expect(await bots.listTransitions(world.workspace.id, session.id)).toEqual([]);
    expect(await bots.get(world.workspace.id, other.id)).toEqual(other);
    expect(await bots.listTransitions(world.workspace.id, other.id)).toHaveLength(1);
  });

  t.test('delete forgets read marks and followers of the conversation (capabilities reads, followers)', async ({ storage, skip }) => {
    const { reads, followers } = storage;
    if (!storage.capabilities.reads || !storage.capabilities.followers || !reads || !followers) skip('store has no reads or followers capability');
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const [doomed, kept] = [await threaded(world), await threaded(world)];
    for (const { conversation } of [doomed, kept]) {
      await reads!.noteIncoming(ws, conversation.id, FIXTURE_TIME + 1);
      await reads!.put({ workspaceId: ws, userId: 'user_ana', conversationId: conversation.id, readAt: FIXTURE_TIME + 5 });
      await followers!.add(ws, conversation.id, 'user_ana');
    }
    await storage.conversations.delete(ws, doomed.conversation.id);
    expect(await followers!.list(ws, doomed.conversation.id)).toEqual([]);
    expect(await followers!.list(ws, kept.conversation.id)).toEqual(['user_ana']);
    expect(await reads!.status(ws, 'user_ana', [doomed.conversation.id, kept.conversation.id])).toEqual([
      { conversationId: kept.conversation.id, unread: false, readAt: FIXTURE_TIME + 5 },
    ]);
    // Nothing of the old marks is left to apply to a conversation stored again under the id.
    await storage.conversations.insert(doomed.conversation);
    expect(await reads!.status(ws, 'user_ana', [doomed.conversation.id])).toEqual([{ conversationId: doomed.conversation.id, unread: true, readAt: null }]);
  });

  t.test('a deleted conversation no longer counts in analytics (capability analytics)', async ({ storage, skip }) => {
    if (!storage.capabilities.analytics || !storage.analytics) skip('store has no analytics capability');
    const world = await seedWorld(storage);
    const [doomed, kept] = [await threaded(world), await threaded(world)];
    for (const { reply } of [doomed, kept]) await storage.timeline.update({ ...reply, deliveryStatus: 'sent' });
    const window = { from: FIXTURE_TIME, to: FIXTURE_TIME + H };
    expect(await storage.analytics!.repliesByAgent(world.workspace.id, window)).toEqual([{ userId: 'user_ana', conversationsReplied: 2, messagesSent: 2 }]);
    await storage.conversations.delete(world.workspace.id, doomed.conversation.id);
    expect(await storage.analytics!.repliesByAgent(world.workspace.id, window)).toEqual([{ userId: 'user_ana', conversationsReplied: 1, messagesSent: 1 }]);
    const times = await storage.analytics!.responseTimes(world.workspace.id, { ...window, groupBy: 'inbox' });
    expect(times.map((row) => row.firstResponse.count)).toEqual([1]);
  });
});
