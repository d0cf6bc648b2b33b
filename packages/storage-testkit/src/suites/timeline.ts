import type { TimelineItem } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { byTime, collectPages, expectConflict, idsOf } from '../helpers.js';
import { seedWorld } from '../seed.js';

const at = (ms: number) => ({ createdAt: FIXTURE_TIME + ms });

export const timelineSuite = defineSuite('timeline', (t) => {
  t.test('insert then get returns messages and comments; a missing id is null', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const message = await world.item(
      fixtures.message(conversation, {
        html: '<p>Hello</p>',
        visibleText: 'Hello',
        attachments: [{ id: 'att_1', filename: 'a.pdf', contentType: 'application/pdf', size: 3, blobKey: 'blob/a', contentId: null }],
        metadata: { headers: { 'x-mailer': 'Thunderbird' } },
      }),
    );
    const comment = await world.item(fixtures.comment(conversation, 'user_a'));
    expect(await storage.timeline.get(world.workspace.id, message.id)).toEqual(message);
    expect(await storage.timeline.get(world.workspace.id, comment.id)).toEqual(comment);
    expect(await storage.timeline.get(world.workspace.id, 'msg_missing')).toBeNull();
  });

  t.test('insert throws CONFLICT when the id exists', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const comment = await world.item(fixtures.comment(conversation, 'user_a'));
    await expectConflict(storage.timeline.insert({ ...comment, text: 'again' }), 'a duplicate item id');
    expect(await storage.timeline.get(world.workspace.id, comment.id)).toEqual(comment);
  });

  t.test('insert throws CONFLICT on a duplicate (channelId, externalId), even in another conversation', async ({ storage }) => {
    const world = await seedWorld(storage);
    const [first, second] = [await world.conversation(), await world.conversation()];
    const original = await world.item(fixtures.message(first, { externalId: '<dup@mail.example.com>' }));
    await expectConflict(storage.timeline.insert(fixtures.message(second, { externalId: '<dup@mail.example.com>' })), 'a duplicate externalId');
    expect(await storage.timeline.findByExternalId(world.workspace.id, world.channel.id, '<dup@mail.example.com>')).toEqual(original);
  });

  t.test('the same externalId on another channel, and messages without externalId, do not conflict', async ({ storage }) => {
    const world = await seedWorld(storage);
    const other = fixtures.channel(world.workspace, { inboxId: world.inbox.id, type: 'chat' });
    await storage.records.put('channel', other);
    const first = await world.conversation();
    const second = await world.conversation({ channelId: other.id, channelType: other.type });
    await world.item(fixtures.message(first, { externalId: 'ext-1' }));
    await world.item(fixtures.message(second, { externalId: 'ext-1' }));
    for (let i = 0; i < 3; i++) await world.item(fixtures.reply(first, 'user_a'));
    expect((await storage.timeline.list(world.workspace.id, first.id, { limit: 10 })).items).toHaveLength(4);
  });

  t.test('update replaces an item and returns true; a missing one returns false', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const reply = await world.item(fixtures.reply(conversation, 'user_a'));
    const sent = { ...reply, deliveryStatus: 'sent' as const, externalId: '<sent@mail.example.com>' };
    expect(await storage.timeline.update(sent)).toBe(true);
    expect(await storage.timeline.get(world.workspace.id, reply.id)).toEqual(sent);
    expect(await storage.timeline.findByExternalId(world.workspace.id, world.channel.id, '<sent@mail.example.com>')).toEqual(sent);

    const ghost = fixtures.comment(conversation, 'user_a');
    expect(await storage.timeline.update(ghost)).toBe(false);
    expect(await storage.timeline.get(world.workspace.id, ghost.id)).toBeNull();
  });

  t.test('list returns one conversation’s items oldest first, ties by id', async ({ storage }) => {
    const world = await seedWorld(storage);
    const [conversation, other] = [await world.conversation(), await world.conversation()];
    // Explicit ids so the expected order is written out, not computed.
    const c = await world.item(fixtures.comment(conversation, 'user_a', { id: 'item_c', ...at(2) }));
    const a = await world.item(fixtures.message(conversation, { id: 'item_a', ...at(2) }));
    const d = await world.item(fixtures.reply(conversation, 'user_a', { id: 'item_d', ...at(3) }));
    const b = await world.item(fixtures.message(conversation, { id: 'item_b', ...at(1) }));
    await world.item(fixtures.message(other, at(0)));
    const page = await storage.timeline.list(world.workspace.id, conversation.id, { limit: 10 });
    expect(page.items).toEqual([b, a, c, d]);
    expect(page.nextCursor).toBeNull();
    expect((await storage.timeline.list(world.workspace.id, 'conv_missing', { limit: 10 })).items).toEqual([]);
  });

  t.test('list pages through ties without repeating or skipping, at every page size', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const items: TimelineItem[] = [];
    for (let i = 0; i < 9; i++) {
      const time = at(i < 6 ? 100 : i); // six items share one instant
      items.push(await world.item(i % 3 === 0 ? fixtures.comment(conversation, 'user_a', time) : fixtures.message(conversation, time)));
    }
    const expected = idsOf([...items].sort(byTime));
    for (const limit of [1, 2, 4, 6, 9, 10]) {
      const list = (cursor: string | null) => storage.timeline.list(world.workspace.id, conversation.id, { cursor, limit });
      const { items: got, pages } = await collectPages(list, limit);
      expect(idsOf(got), `limit ${limit}`).toEqual(expected);
      expect(pages, `pages at limit ${limit}`).toBe(Math.ceil(9 / limit));
    }
  });

  t.test('findByExternalId finds the message on its channel only; a miss is null', async ({ storage }) => {
    const world = await seedWorld(storage);
    const conversation = await world.conversation();
    const message = await world.item(fixtures.message(conversation, { externalId: 'ext-1' }));
    const ws = world.workspace.id;
    expect(await storage.timeline.findByExternalId(ws, world.channel.id, 'ext-1')).toEqual(message);
    expect(await storage.timeline.findByExternalId(ws, 'chan_other', 'ext-1')).toBeNull();
    expect(await storage.timeline.findByExternalId(ws, world.channel.id, 'ext-2')).toBeNull();
  });

  t.test('findByExternalIds returns the newest matching message on any channel, or null', async ({ storage }) => {
    const world = await seedWorld(storage);
    const other = fixtures.channel(world.workspace, { inboxId: world.inbox.id });
    await storage.records.put('channel', other);
    const first = await world.conversation();
    const second = await world.conversation({ channelId: other.id });
    const ws = world.workspace.id;
    const oldest = await world.item(fixtures.message(first, { externalId: 'ref-1', ...at(1) }));
    const newest = await world.item(fixtures.message(second, { externalId: 'ref-3', ...at(3) }));
    await world.item(fixtures.message(first, { externalId: 'ref-2', ...at(2) }));
    await world.item(fixtures.message(first, { externalId: 'unrelated', ...at(9) }));

    expect(await storage.timeline.findByExternalIds(ws, ['ref-1', 'ref-3', 'ref-2', 'nope'])).toEqual(newest);
    expect(await storage.timeline.findByExternalIds(ws, ['ref-1', 'nope'])).toEqual(oldest);
    expect(await storage.timeline.findByExternalIds(ws, ['nope'])).toBeNull();
    expect(await storage.timeline.findByExternalIds(ws, [])).toBeNull();
  });

  t.test('update moving items to another conversation lists them there, in timeline order', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const [from, to, bystander] = [await world.conversation(), await world.conversation(), await world.conversation()];
    const moved = [await world.item(fixtures.message(from, at(1))), await world.item(fixtures.comment(from, 'user_a', at(3)))];
    const kept = await world.item(fixtures.message(to, at(2)));
    const untouched = await world.item(fixtures.message(bystander, at(0)));

    for (const item of moved) expect(await storage.timeline.update({ ...item, conversationId: to.id })).toBe(true);
    const target = await storage.timeline.list(ws, to.id, { limit: 10 });
    expect(target.items).toEqual([{ ...moved[0], conversationId: to.id }, kept, { ...moved[1], conversationId: to.id }]);
    expect((await storage.timeline.list(ws, from.id, { limit: 10 })).items).toEqual([]);
    expect(await storage.timeline.get(ws, untouched.id)).toEqual(untouched);
  });

  t.test('listPending lists pending outgoing messages of every workspace created before `before`, oldest first', async ({ storage }) => {
    const [a, b] = [await seedWorld(storage, 'A'), await seedWorld(storage, 'B')];
    const [convA, convB] = [await a.conversation(), await b.conversation()];
    const pendingB = await b.item(fixtures.reply(convB, 'user_b', at(1)));
    const pendingA = await a.item(fixtures.reply(convA, 'user_a', at(2)));
    const pendingLater = await a.item(fixtures.reply(convA, 'user_a', at(3)));
    await a.item(fixtures.reply(convA, 'user_a', { ...at(0), deliveryStatus: null })); // no delivery to wait for
    for (const deliveryStatus of ['sent', 'failed'] as const) await a.item(fixtures.reply(convA, 'user_a', { ...at(0), deliveryStatus }));
    await a.item(fixtures.message(convA, at(0))); // incoming
    await a.item(fixtures.comment(convA, 'user_a', at(0)));
    await b.item(fixtures.reply(convB, 'user_b', at(10))); // created at `before`: not before it

    const before = FIXTURE_TIME + 10;
    expect(await storage.timeline.listPending(before, 10)).toEqual([pendingB, pendingA, pendingLater]);
    expect(await storage.timeline.listPending(before, 2)).toEqual([pendingB, pendingA]);
    await storage.timeline.update({ ...pendingA, deliveryStatus: 'sent' });
    expect(await storage.timeline.listPending(before, 10)).toEqual([pendingB, pendingLater]);
  });
});
