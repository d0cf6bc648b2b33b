import { ConflictError } from '@inboxkit/core';
import { expect } from 'vitest';
import { fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { deferred, rejection, tick } from '../helpers.js';
import { seedWorld } from '../seed.js';
import { seedWriteSetup, writeCases } from './transaction-writes.js';

export const transactionsSuite = defineSuite('transactions', (t) => {
  for (const { name, make } of writeCases) {
    t.test(`commits ${name}; the transaction reads its own write`, async ({ storage }) => {
      const c = make(await seedWriteSetup(storage));
      await storage.transaction(async (tx) => {
        await c.write(tx);
        expect(await c.observe(tx), 'inside the transaction').toEqual(c.after);
      });
      expect(await c.observe(storage), 'after commit').toEqual(c.after);
    });

    t.test(`rolls back ${name} when fn throws, rethrowing the same error`, async ({ storage }) => {
      const c = make(await seedWriteSetup(storage));
      const failure = new Error('boom');
      const thrown = await rejection(
        storage.transaction(async (tx) => {
          await c.write(tx);
          throw failure;
        }),
      );
      expect(thrown).toBe(failure);
      expect(await c.observe(storage), 'after rollback').toEqual(c.before);
    });
  }

  t.test('resolves to what fn returns', async ({ storage }) => {
    const world = await seedWorld(storage);
    const result = await storage.transaction(async (tx) => ({ contact: await tx.contacts.get(world.workspace.id, world.contact.id), n: 42 }));
    expect(result).toEqual({ contact: world.contact, n: 42 });
  });

  t.test('rethrows InboxKit errors and non-Error values unchanged', async ({ storage }) => {
    const conflict = new ConflictError('taken');
    const thrownConflict = await rejection(storage.transaction(() => Promise.reject(conflict)));
    expect(thrownConflict).toBe(conflict);
    expect(ConflictError.isInstance(thrownConflict)).toBe(true);
    const value = { reason: 'not an Error' };
    expect(await rejection(storage.transaction(() => Promise.reject(value)))).toBe(value);
  });

  t.test('a CONFLICT inside fn rejects with CONFLICT and rolls back the writes before it', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const first = await world.conversation();
    await world.item(fixtures.message(first, { externalId: 'ext-dup' }));

    // The ingest path: new contact, conversation, event and checkpoint, then a duplicate message.
    const contact = fixtures.contact(ws);
    const conversation = fixtures.conversation(ws, { inboxId: world.inbox.id, channelId: world.channel.id, contactId: contact.id });
    const thrown = await rejection(
      storage.transaction(async (tx) => {
        await tx.contacts.insert(contact);
        await tx.conversations.insert(conversation);
        await tx.events.append(ws, [fixtures.event(ws)]);
        await tx.state.put(ws, 'checkpoint', 7);
        await tx.timeline.insert(fixtures.message(conversation, { externalId: 'ext-dup' }));
      }),
    );
    expect(ConflictError.isInstance(thrown)).toBe(true);
    expect(await storage.contacts.get(ws, contact.id)).toBeNull();
    expect(await storage.conversations.get(ws, conversation.id)).toBeNull();
    expect(await storage.events.read(ws, { limit: 10 })).toEqual([]);
    expect(await storage.state.get(ws, 'checkpoint')).toBeNull();
  });

  t.test('other callers never see the writes of a transaction that rolls back', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const contact = fixtures.contact(ws);
    const written = deferred();
    const release = deferred();
    const failure = new Error('abort');
    const tx = storage.transaction(async (ops) => {
      await ops.contacts.insert(contact);
      await ops.state.put(ws, 'checkpoint', 1);
      written.resolve();
      await release.promise; // hold the transaction open while others read
      throw failure;
    });
    await written.promise;
    // A store may make these reads wait for the transaction; release it without awaiting them.
    const reads = Promise.all([storage.contacts.get(ws, contact.id), storage.state.get(ws, 'checkpoint')]);
    await tick();
    release.resolve();
    expect(await rejection(tx)).toBe(failure);
    expect(await reads).toEqual([null, null]);
  });

  t.test('50 concurrent lock: true increments of a state counter add up to exactly 50', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    await storage.state.put(ws, 'counter', 0);
    await Promise.all(
      Array.from({ length: 50 }, () =>
        storage.transaction(async (tx) => {
          const current = await tx.state.get<number>(ws, 'counter', { lock: true });
          await tick(); // let the others interleave between the read and the write
          await tx.state.put(ws, 'counter', (current ?? 0) + 1);
        }),
      ),
    );
    expect(await storage.state.get(ws, 'counter')).toBe(50);
  });

  t.test('20 concurrent lock: true updates of one conversation lose no update', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const conversation = await world.conversation();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        storage.transaction(async (tx) => {
          const current = await tx.conversations.get(ws, conversation.id, { lock: true });
          await tick();
          await tx.conversations.update({ ...current!, messageCount: current!.messageCount + 1 });
        }),
      ),
    );
    expect((await storage.conversations.get(ws, conversation.id))?.messageCount).toBe(20);
  });

  t.test('concurrent transactions inserting the same externalId: one commits, the others get CONFLICT', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    // Each attempt opens its own conversation first, as ingest does: the losers' must vanish.
    const attempts = Array.from({ length: 10 }, () => fixtures.conversation(ws, { inboxId: world.inbox.id, channelId: world.channel.id, contactId: world.contact.id }));
    const results = await Promise.allSettled(
      attempts.map((conversation) =>
        storage.transaction(async (tx) => {
          await tx.conversations.insert(conversation);
          await tick();
          await tx.timeline.insert(fixtures.message(conversation, { externalId: '<same@mail.example.com>' }));
          return conversation.id;
        }),
      ),
    );
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost.every((e) => ConflictError.isInstance(e)), `losers threw ${lost.map(String).join(', ')}`).toBe(true);
    const stored = await storage.timeline.findByExternalId(ws, world.channel.id, '<same@mail.example.com>');
    expect(stored?.conversationId).toBe(won[0]);
    expect((await storage.conversations.list(ws, { limit: 20 })).items.map((c) => c.id)).toEqual(won);
  });

  t.test('concurrent plain inserts of the same externalId: exactly one succeeds', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const messages = Array.from({ length: 10 }, () => fixtures.message(conversation, { externalId: '<same@mail.example.com>' }));
    const results = await Promise.allSettled(messages.map((m) => storage.timeline.insert(m)));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(lost.every((e) => ConflictError.isInstance(e))).toBe(true);
    expect((await storage.timeline.list(world.workspace.id, conversation.id, { limit: 20 })).items).toHaveLength(1);
  });
});
