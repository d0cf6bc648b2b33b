import type { Conversation, StorageOperations, StorageRecordTypes } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { collectPages, idsOf, tick } from '../helpers.js';
import { seedWorld, type World } from '../seed.js';

// What routing asks of a store (core's `routing/` relies on exactly this): a per-inbox state
// key taken with `lock: true` serializes routers, and what a router reads after taking it
// (open counts, the waiting queue) includes everything the previous holder committed.

const AGENTS = ['user_a', 'user_b', 'user_c', 'user_d', 'user_e'];
const LOCK_KEY = 'routing:inbox';

/** Stores `count` open, unassigned conversations of the world, oldest first. */
async function waiting(world: World, count: number): Promise<Conversation[]> {
  const out: Conversation[] = [];
  for (let i = 0; i < count; i++) out.push(await world.conversation({ createdAt: FIXTURE_TIME + i, lastMessageAt: FIXTURE_TIME + i }));
  return out;
}

/** The number of open, non-spam conversations of `assigneeId` in the world's inbox (routing's capacity count). */
function openCount(ops: StorageOperations, world: World, assigneeId: string): Promise<number> {
  return ops.conversations.count(world.workspace.id, { assigneeId, statuses: ['open'], inboxIds: [world.inbox.id], spam: false });
}

export const routingSuite = defineSuite('routing', (t) => {
  t.test('capacity holds under concurrency: a count read after the lock sees the previous holder’s assignment', async ({ storage }) => {
    const world = await seedWorld(storage);
    const queue = await waiting(world, 20);
    const capacity = 5;
    await Promise.all(
      queue.map((conversation) =>
        storage.transaction(async (tx) => {
          await tx.state.get(world.workspace.id, LOCK_KEY, { lock: true });
          const open = await openCount(tx, world, 'user_a');
          await tick(); // let the other routers interleave between the count and the write
          if (open < capacity) await tx.conversations.update({ ...conversation, assigneeId: 'user_a' });
          await tx.state.put(world.workspace.id, LOCK_KEY, { open: open + 1 });
        }),
      ),
    );
    expect(await openCount(storage, world, 'user_a')).toBe(capacity);
  });

  t.test('a rotation pointer moved in the assigning transaction shares 100 concurrent assignments equally', async ({ storage }) => {
    const world = await seedWorld(storage);
    const queue = await waiting(world, 100);
    await Promise.all(
      queue.map((conversation) =>
        storage.transaction(async (tx) => {
          const state = await tx.state.get<{ last: string | null }>(world.workspace.id, LOCK_KEY, { lock: true });
          const last = state?.last ?? null;
          const next = AGENTS.find((id) => last === null || id > last) ?? AGENTS[0]!;
          await tick();
          await tx.conversations.update({ ...conversation, assigneeId: next });
          await tx.state.put(world.workspace.id, LOCK_KEY, { last: next });
        }),
      ),
    );
    for (const agent of AGENTS) expect(await openCount(storage, world, agent), agent).toBe(20);
  });

  t.test('the capacity count takes only open, non-spam conversations of the assignee in the inbox', async ({ storage }) => {
    const world = await seedWorld(storage);
    const otherInbox = fixtures.inbox(world.workspace);
    await storage.records.put('inbox', otherInbox);
    await world.conversation({ assigneeId: 'user_a' });
    await world.conversation({ assigneeId: 'user_a' });
    await world.conversation({ assigneeId: 'user_a', status: 'closed', closedAt: FIXTURE_TIME });
    await world.conversation({ assigneeId: 'user_a', status: 'snoozed', snoozedUntil: FIXTURE_TIME + 1 });
    await world.conversation({ assigneeId: 'user_a', spam: true });
    await world.conversation({ assigneeId: 'user_a', inboxId: otherInbox.id });
    await world.conversation({ assigneeId: 'user_b' });
    await world.conversation({ assigneeId: null });
    expect(await openCount(storage, world, 'user_a')).toBe(2);
    expect(await openCount(storage, world, 'user_b')).toBe(1);
    expect(await openCount(storage, world, 'user_z')).toBe(0);
  });

  t.test('the waiting queue: open, unassigned, non-spam conversations of one channel', async ({ storage }) => {
    const world = await seedWorld(storage);
    const otherChannel = fixtures.channel(world.workspace, { inboxId: world.inbox.id });
    await storage.records.put('channel', otherChannel);
    const expected = await waiting(world, 3);
    await world.conversation({ assigneeId: 'user_a' });
    await world.conversation({ status: 'closed', closedAt: FIXTURE_TIME });
    await world.conversation({ spam: true });
    await world.conversation({ channelId: otherChannel.id });
    // Team-assigned but without a user still waits (a rule's team).
    expected.push(await world.conversation({ teamId: 'team_support', lastMessageAt: FIXTURE_TIME + 10 }));
    const { items } = await collectPages(
      (cursor) => storage.conversations.list(world.workspace.id, { channelId: world.channel.id, assigneeId: null, statuses: ['open'], spam: false, cursor, limit: 2 }),
      2,
    );
    expect(idsOf(items).sort()).toEqual(idsOf(expected).sort());
  });

  t.test('routing rules, email filters and notification preferences round-trip as records', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const rule: StorageRecordTypes['routingRule'] = {
      id: world.channel.id, workspaceId: ws, channelId: world.channel.id, inboxId: world.inbox.id,
      targets: { users: ['user_a'], teams: ['team_support'] }, strategy: 'contact-owner-first', fallback: 'least-open',
      onlyAvailable: true, capacity: 5, requeueChatsOnAway: false, createdAt: FIXTURE_TIME, updatedAt: FIXTURE_TIME,
    };
    const filter = (inboxId: string): StorageRecordTypes['emailFilter'] => ({
      id: fixtures.id('flt'), workspaceId: ws, inboxId, senders: ['promo@shop.test'], domains: ['*.shop.test'],
      subjectPatterns: ['win * prize'], action: 'spam', createdAt: FIXTURE_TIME, updatedAt: FIXTURE_TIME,
    });
    const prefs: StorageRecordTypes['notificationPreferences'] = {
      id: 'user_a', workspaceId: ws, events: { 'conversation.created': true }, inboxes: { [world.inbox.id]: { 'message.received': false } }, updatedAt: FIXTURE_TIME,
    };
    const mine = [filter(world.inbox.id), filter(world.inbox.id)];
    await storage.records.put('routingRule', rule);
    for (const f of [...mine, filter('inbox_other')]) await storage.records.put('emailFilter', f);
    await storage.records.put('notificationPreferences', prefs);
    expect(await storage.records.get(ws, 'routingRule', rule.id)).toEqual(rule);
    expect(await storage.records.get(ws, 'notificationPreferences', 'user_a')).toEqual(prefs);
    expect((await storage.records.list(ws, 'emailFilter', { where: { inboxId: world.inbox.id } })).items).toEqual(mine);
    expect(await storage.records.delete(ws, 'routingRule', rule.id)).toBe(true);
    expect(await storage.records.get(ws, 'routingRule', rule.id)).toBeNull();
  });
});
