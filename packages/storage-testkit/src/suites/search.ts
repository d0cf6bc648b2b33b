import {
  parseSearchQuery,
  ValidationError,
  type Conversation,
  type ConversationFilter,
  type Page,
  type SearchStore,
  type Storage,
  type StorageOperations,
  type ConversationSearchHit,
} from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { collectPages } from '../helpers.js';
import { seedWorld, type World } from '../seed.js';

/** The store's search area (skips the test for stores without the capability). */
function searchOf({ storage, skip }: ConformanceContext): SearchStore {
  const search = storage.capabilities.search ? storage.search : undefined;
  return search ?? skip('store has no search capability');
}

/** Ids of the conversations `text` finds (first page of 100), best first. */
async function find(
  ops: Storage | StorageOperations,
  workspaceId: string,
  text: string,
  filter: ConversationFilter = {},
): Promise<string[]> {
  const page = await ops.search!.conversations(workspaceId, { ...filter, match: parseSearchQuery(text), limit: 100 });
  return page.items.map((hit) => hit.conversation.id);
}

/** A conversation with one incoming message of `text`. */
async function withMessage(world: World, text: string, overrides: Parameters<World['conversation']>[0] = {}) {
  const conversation = await world.conversation({ subject: null, ...overrides });
  await world.item(fixtures.message(conversation, { text }));
  return conversation;
}

export const searchSuite = defineSuite('search', (t) => {
  t.test('finds words of the subject, messages both ways, comments, and the contact name and email', async (ctx) => {
    searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const bySubject = await world.conversation({ subject: 'Invoice overdue' });
    const incoming = await withMessage(world, 'The parcel never arrived');
    const outgoing = await world.conversation({ subject: null });
    await world.item(fixtures.reply(outgoing, 'user_1', { text: 'We refunded the shipping' }));
    const commented = await world.conversation({ subject: null });
    await world.item(fixtures.comment(commented, 'user_1', { text: 'Escalated to logistics' }));
    const quoted = await world.conversation({ subject: null });
    await world.item(fixtures.message(quoted, { text: 'Thanks!\n> older words: zeppelin', visibleText: 'Thanks!' }));
    const grete = await world.contactOf({ name: 'Grete Sørensen', email: 'grete@fjord.example' });
    const byContact = await world.conversation({ subject: null, contactId: grete.id });

    expect(await find(ctx.storage, ws, 'invoice ')).toEqual([bySubject.id]);
    expect(await find(ctx.storage, ws, 'parcel ')).toEqual([incoming.id]);
    expect(await find(ctx.storage, ws, 'refunded ')).toEqual([outgoing.id]);
    expect(await find(ctx.storage, ws, 'logistics ')).toEqual([commented.id]);
    expect(await find(ctx.storage, ws, 'sorensen ')).toEqual([byContact.id]);
    expect(await find(ctx.storage, ws, 'fjord.example ')).toEqual([byContact.id]);
    // Quoted history is the earlier messages' text: only the new part (`visibleText`) counts.
    expect(await find(ctx.storage, ws, 'zeppelin ')).toEqual([]);
  });

  t.test('folds case and accents: Norwegian, German and French spellings find each other', async (ctx) => {
    searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const norwegian = await withMessage(world, 'Blåbærsyltetøy fra Tromsø');
    const german = await world.conversation({ subject: 'Rückfrage von Herrn Müller zur Größe' });
    const french = await withMessage(world, 'Crème brûlée à emporter');
    for (const text of ['BLÅBÆRSYLTETØY ', 'blabaersyltetoy ', 'tromso ', 'TROMSØ ', 'tromsoe ']) {
      expect(await find(ctx.storage, ws, text), text).toEqual([norwegian.id]);
    }
    for (const text of ['muller ', 'MÜLLER ', 'mueller ', 'grosse ', 'rückfrage ', 'ruckfrage ']) {
      expect(await find(ctx.storage, ws, text), text).toEqual([german.id]);
    }
    for (const text of ['creme brulee ', 'CRÈME BRÛLÉE ']) expect(await find(ctx.storage, ws, text), text).toEqual([french.id]);
  });

  t.test('every word must match, in any field; the last word also matches as a prefix', async (ctx) => {
    searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const anna = await world.contactOf({ name: 'Anna Schmidt', email: null });
    const both = await withMessage(world, 'refund for the blender', { contactId: anna.id });
    const onlyRefund = await withMessage(world, 'refund please');
    expect(await find(ctx.storage, ws, 'schmidt refund ')).toEqual([both.id]);
    expect((await find(ctx.storage, ws, 'refund ')).sort()).toEqual([both.id, onlyRefund.id].sort());
    expect(await find(ctx.storage, ws, 'refund blen')).toEqual([both.id]);
    expect(await find(ctx.storage, ws, 'refund blen ')).toEqual([]);
    expect(await find(ctx.storage, ws, 'schm')).toEqual([both.id]);
    expect(await find(ctx.storage, ws, 'nothing matches this')).toEqual([]);
  });

  t.test('ranks a subject match over a contact match over a message match, and more occurrences higher', async (ctx) => {
    const search = searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const inBody = await withMessage(world, 'a question about the warranty');
    const inBodyTwice = await withMessage(world, 'warranty, warranty: which warranty?');
    const warranty = await world.contactOf({ name: 'Warranty Desk', email: null });
    const inContact = await world.conversation({ subject: null, contactId: warranty.id });
    const inSubject = await world.conversation({ subject: 'Warranty' });
    const page = await search.conversations(ws, { match: parseSearchQuery('warranty '), limit: 10 });
    expect(page.items.map((hit) => hit.conversation.id)).toEqual([inSubject.id, inContact.id, inBodyTwice.id, inBody.id]);
    const scores = page.items.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
    expect(page.items[0]!.conversation).toEqual(inSubject);
  });

  t.test('pages by (score desc, id desc) without repeats or gaps, also while other documents change', async (ctx) => {
    const search = searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const ids: string[] = [];
    // Ties on score (same text) and distinct scores (repeats) so page ends fall inside ties.
    for (let i = 0; i < 23; i++) ids.push((await withMessage(world, `harbour ${'harbour '.repeat(i % 4)}`)).id);
    await withMessage(world, 'unrelated text');
    const all = await search.conversations(ws, { match: parseSearchQuery('harbour '), limit: 100 });
    expect(all.items.map((hit) => hit.conversation.id).sort()).toEqual([...ids].sort());
    const ranked = all.items.map((hit) => [hit.score, hit.conversation.id] as const);
    for (let i = 1; i < ranked.length; i++) {
      const [[s0, id0], [s1, id1]] = [ranked[i - 1]!, ranked[i]!];
      expect(s0 > s1 || (s0 === s1 && id0 > id1), `order at ${i}`).toBe(true);
    }
    for (const limit of [1, 4, 7, 23]) {
      const { items } = await collectPages(
        (cursor) => search.conversations(ws, { match: parseSearchQuery('harbour '), cursor, limit }),
        limit,
      );
      expect(items.map((hit) => hit.conversation.id), `limit ${limit}`).toEqual(all.items.map((hit) => hit.conversation.id));
    }
    // New matching documents between pages never make a page repeat one already seen.
    const seen: string[] = [];
    let page: Page<ConversationSearchHit> = await search.conversations(ws, { match: parseSearchQuery('harbour '), limit: 5 });
    for (;;) {
      seen.push(...page.items.map((hit) => hit.conversation.id));
      await withMessage(world, 'harbour harbour harbour harbour harbour harbour');
      if (page.nextCursor === null) break;
      page = await search.conversations(ws, { match: parseSearchQuery('harbour '), cursor: page.nextCursor, limit: 5 });
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  t.test('a cursor the store did not make throws VALIDATION', async (ctx) => {
    const search = searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const error = await search
      .conversations(world.workspace.id, { match: parseSearchQuery('x '), cursor: 'not-a-cursor', limit: 5 })
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
  });

  t.test('filters apply inside the search: inboxes, statuses, assignee, team, channel, contact, tag, spam, activity window', async (ctx) => {
    searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const other = await world.contactOf({ name: 'Other Person' });
    const rows: Conversation[] = [];
    for (let i = 0; i < 12; i++) {
      rows.push(
        await withMessage(world, 'kettle broken', {
          inboxId: i % 3 === 0 ? 'inbox_other' : world.inbox.id,
          status: (['open', 'closed', 'snoozed'] as const)[i % 3]!,
          snoozedUntil: i % 3 === 2 ? FIXTURE_TIME + 1e6 : null,
          assigneeId: i % 2 === 0 ? 'user_1' : null,
          teamId: i % 4 === 0 ? 'team_1' : null,
          channelType: i % 5 === 0 ? 'chat' : 'email',
          contactId: i % 6 === 0 ? other.id : world.contact.id,
          spam: i === 7,
          tagIds: i % 4 === 1 ? ['tag_vip'] : i % 4 === 2 ? ['tag_vip', 'tag_late'] : [],
          lastMessageAt: FIXTURE_TIME + i * 1000,
        }),
      );
    }
    const cases: Array<[ConversationFilter, (c: Conversation) => boolean]> = [
      [{ inboxIds: ['inbox_other'] }, (c) => c.inboxId === 'inbox_other'],
      [{ inboxIds: [] }, () => false],
      [{ statuses: ['open', 'snoozed'] }, (c) => c.status !== 'closed'],
      [{ assigneeId: 'user_1' }, (c) => c.assigneeId === 'user_1'],
      [{ assigneeId: null }, (c) => c.assigneeId === null],
      [{ teamId: 'team_1' }, (c) => c.teamId === 'team_1'],
      [{ channelType: 'chat' }, (c) => c.channelType === 'chat'],
      [{ contactId: other.id }, (c) => c.contactId === other.id],
      [{ tagIds: ['tag_late'] }, (c) => c.tagIds.includes('tag_late')],
      [{ tagIds: ['tag_vip'], statuses: ['open', 'closed'] }, (c) => c.tagIds.includes('tag_vip') && c.status !== 'snoozed'],
      [{ spam: false }, (c) => !c.spam],
      [{ spam: true }, (c) => c.spam],
      [{ lastMessageAt: { from: FIXTURE_TIME + 3000, to: FIXTURE_TIME + 8000 } }, (c) => c.lastMessageAt >= FIXTURE_TIME + 3000 && c.lastMessageAt < FIXTURE_TIME + 8000],
      [{ statuses: ['open'], spam: false, inboxIds: [world.inbox.id] }, (c) => c.status === 'open' && !c.spam && c.inboxId === world.inbox.id],
    ];
    for (const [filter, keep] of cases) {
      const expected = rows.filter(keep).map((c) => c.id).sort();
      expect((await find(ctx.storage, ws, 'kettle ', filter)).sort(), JSON.stringify(filter)).toEqual(expected);
      // Pages of one: the filter holds on every page, not only on a first page of all.
      const { items } = await collectPages(
        (cursor) => ctx.storage.search!.conversations(ws, { ...filter, match: parseSearchQuery('kettle '), cursor, limit: 1 }),
        1,
      );
      expect(items.map((hit) => hit.conversation.id).sort(), `pages of 1, ${JSON.stringify(filter)}`).toEqual(expected);
    }
  });

  t.test('never finds another workspace’s conversations', async (ctx) => {
    searchOf(ctx);
    const [a, b] = [await seedWorld(ctx.storage, 'A'), await seedWorld(ctx.storage, 'B')];
    const mine = await withMessage(a, 'lighthouse keeper');
    const theirs = await withMessage(b, 'lighthouse keeper');
    await b.conversation({ subject: 'Lighthouse' });
    expect(await find(ctx.storage, a.workspace.id, 'lighthouse keeper ')).toEqual([mine.id]);
    expect(await find(ctx.storage, b.workspace.id, 'keeper ')).toEqual([theirs.id]);
    expect(await find(ctx.storage, 'ws_nobody', 'lighthouse ')).toEqual([]);
  });

  t.test('changes are searchable at once: message, subject and contact updates, contact moves and deletes, conversation deletes', async (ctx) => {
    searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const conversation = await world.conversation({ subject: 'Broken zipper' });
    const message = await world.item(fixtures.message(conversation, { text: 'first draft' }));
    await ctx.storage.timeline.update({ ...message, text: 'second version' });
    expect(await find(ctx.storage, ws, 'draft ')).toEqual([]);
    expect(await find(ctx.storage, ws, 'version ')).toEqual([conversation.id]);
    await ctx.storage.conversations.update({ ...conversation, subject: 'Torn strap' });
    expect(await find(ctx.storage, ws, 'zipper ')).toEqual([]);
    expect(await find(ctx.storage, ws, 'strap ')).toEqual([conversation.id]);
    await ctx.storage.contacts.update({ ...world.contact, name: 'Ingrid Bakke' });
    expect(await find(ctx.storage, ws, 'lovelace ')).toEqual([]);
    expect(await find(ctx.storage, ws, 'ingrid strap ')).toEqual([conversation.id]);
    const merged = await world.contactOf({ name: 'Kari Nordmann', email: null });
    await ctx.storage.conversations.moveContact(ws, world.contact.id, merged.id);
    expect(await find(ctx.storage, ws, 'ingrid ')).toEqual([]);
    expect(await find(ctx.storage, ws, 'nordmann strap ')).toEqual([conversation.id]);
    await ctx.storage.contacts.delete(ws, merged.id);
    expect(await find(ctx.storage, ws, 'nordmann ')).toEqual([]);
    expect(await find(ctx.storage, ws, 'strap ')).toEqual([conversation.id]);
    await ctx.storage.conversations.delete(ws, conversation.id);
    expect(await find(ctx.storage, ws, 'strap ')).toEqual([]);
    expect(await find(ctx.storage, ws, 'version ')).toEqual([]);
    // A new conversation with the deleted one's id starts from an empty document.
    await world.conversation({ id: conversation.id, subject: null });
    expect(await find(ctx.storage, ws, 'version ')).toEqual([]);
  });

  t.test('a rolled-back transaction leaves nothing in the index; its own writes are searchable inside it', async (ctx) => {
    searchOf(ctx);
    const world = await seedWorld(ctx.storage);
    const ws = world.workspace.id;
    const conversation = await world.conversation({ subject: 'Stable subject' });
    const boom = new Error('boom');
    const failed = ctx.storage.transaction(async (tx) => {
      const fresh = fixtures.conversation(ws, { inboxId: world.inbox.id, channelId: world.channel.id, contactId: world.contact.id, subject: 'Ephemeral' });
      await tx.conversations.insert(fresh);
      await tx.timeline.insert(fixtures.message(conversation, { text: 'transient words' }));
      await tx.conversations.update({ ...conversation, subject: 'Rewritten subject' });
      await tx.contacts.update({ ...world.contact, name: 'Temporary Name' });
      expect(await find(tx, ws, 'transient ')).toEqual([conversation.id]);
      expect(await find(tx, ws, 'ephemeral ')).toEqual([fresh.id]);
      throw boom;
    });
    await expect(failed).rejects.toBe(boom);
    for (const text of ['ephemeral ', 'transient ', 'rewritten ', 'temporary ']) {
      expect(await find(ctx.storage, ws, text), text).toEqual([]);
    }
    expect(await find(ctx.storage, ws, 'stable lovelace ')).toEqual([conversation.id]);
  });
});
