import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { expectConflict, idsOf } from '../helpers.js';
import { seedWorld } from '../seed.js';

// Lists, filters, count and pagination are in conversations-list.ts.
export const conversationsSuite = defineSuite('conversations', (t) => {
  t.test('insert then get returns the conversation; a missing id is null', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation({
      subject: null,
      status: 'snoozed',
      snoozedUntil: FIXTURE_TIME + 60_000,
      assigneeId: 'user_a',
      teamId: 'team_a',
      origin: { kind: 'chatflow', id: 'flow_a' },
      messageCount: 3,
      firstResponseAt: FIXTURE_TIME + 5,
    });
    expect(await storage.conversations.get(world.workspace.id, conversation.id)).toEqual(conversation);
    expect(await storage.conversations.get(world.workspace.id, 'conv_missing')).toBeNull();
  });

  t.test('insert throws CONFLICT when the id exists and keeps the first', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    await expectConflict(storage.conversations.insert({ ...conversation, subject: 'Again' }), 'a duplicate conversation id');
    expect(await storage.conversations.get(world.workspace.id, conversation.id)).toEqual(conversation);
  });

  t.test('update replaces the conversation and returns true; a missing one returns false', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const closed = { ...conversation, status: 'closed' as const, closedAt: FIXTURE_TIME + 10, assigneeId: 'user_a', updatedAt: FIXTURE_TIME + 10 };
    expect(await storage.conversations.update(closed)).toBe(true);
    expect(await storage.conversations.get(world.workspace.id, conversation.id)).toEqual(closed);

    const ghost = fixtures.conversation(world.workspace, { inboxId: world.inbox.id, channelId: world.channel.id, contactId: world.contact.id });
    expect(await storage.conversations.update(ghost)).toBe(false);
    expect(await storage.conversations.get(world.workspace.id, ghost.id)).toBeNull();
  });

  t.test('get accepts lock: true outside and inside a transaction', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const ws = world.workspace.id;
    expect(await storage.conversations.get(ws, conversation.id, { lock: true })).toEqual(conversation);
    expect(await storage.conversations.get(ws, 'conv_missing', { lock: true })).toBeNull();

    await storage.transaction(async (tx) => {
      const locked = await tx.conversations.get(ws, conversation.id, { lock: true });
      expect(locked).toEqual(conversation);
      await tx.conversations.update({ ...locked!, messageCount: locked!.messageCount + 1 });
    });
    expect((await storage.conversations.get(ws, conversation.id))?.messageCount).toBe(1);
  });

  t.test('moveContact moves every conversation of one contact to another and returns how many', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const [to, bystander] = [await world.contactOf(), await world.contactOf()];
    const moving = [await world.conversation(), await world.conversation(), await world.conversation()];
    const already = await world.conversation({ contactId: to.id });
    const untouched = await world.conversation({ contactId: bystander.id });

    expect(await storage.conversations.moveContact(ws, world.contact.id, to.id)).toBe(3);
    for (const conversation of moving) {
      // Only the contact must change; a store may also bump updatedAt.
      expect(await storage.conversations.get(ws, conversation.id)).toEqual({
        ...conversation,
        contactId: to.id,
        updatedAt: expect.any(Number),
      });
    }
    expect(await storage.conversations.get(ws, already.id)).toEqual(already);
    expect(await storage.conversations.get(ws, untouched.id)).toEqual(untouched);
    expect(await storage.conversations.count(ws, { contactId: world.contact.id })).toBe(0);
    expect(idsOf((await storage.conversations.list(ws, { contactId: to.id, limit: 10 })).items).sort()).toEqual(
      idsOf([...moving, already]).sort(),
    );
    expect(await storage.conversations.moveContact(ws, world.contact.id, to.id)).toBe(0);
  });

  t.test('listDueSnoozed lists snoozed conversations of every workspace due by `before`, earliest first', async ({ storage }) => {
    const [a, b] = [await seedWorld(storage, 'A'), await seedWorld(storage, 'B')];
    const snoozed = (until: number) => ({ status: 'snoozed' as const, snoozedUntil: FIXTURE_TIME + until });
    const dueA = await a.conversation(snoozed(10));
    const dueB = await b.conversation(snoozed(5));
    const dueAtBoundary = await b.conversation(snoozed(20)); // snoozedUntil <= before: included
    await a.conversation(snoozed(30)); // not due yet
    await a.conversation({ status: 'open', snoozedUntil: FIXTURE_TIME + 1 }); // woken already: not snoozed
    await b.conversation({ status: 'closed', snoozedUntil: FIXTURE_TIME + 2 });

    const entry = (c: typeof dueA) => ({ workspaceId: c.workspaceId, id: c.id, snoozedUntil: c.snoozedUntil });
    expect(await storage.conversations.listDueSnoozed(FIXTURE_TIME + 20, 10)).toEqual([entry(dueB), entry(dueA), entry(dueAtBoundary)]);
    expect(await storage.conversations.listDueSnoozed(FIXTURE_TIME + 20, 2)).toEqual([entry(dueB), entry(dueA)]);
    expect(await storage.conversations.listDueSnoozed(FIXTURE_TIME + 4, 10)).toEqual([]);
  });
});
