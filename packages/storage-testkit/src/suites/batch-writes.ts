import { parseSearchQuery, type Contact, type Conversation, type Message, type Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { byId, expectConflict, idsOf } from '../helpers.js';

/** The optional batch methods `kit.ingestMany` uses (skips the test for a store without them). */
function batchOf({ storage, skip }: ConformanceContext) {
  const { contacts, conversations, timeline } = storage;
  if (!contacts.insertMany || !contacts.findByEmails || !conversations.insertMany || !timeline.insertMany || !timeline.findManyByExternalId) {
    return skip('store has no batch methods');
  }
  return {
    insertContacts: contacts.insertMany.bind(contacts),
    findByEmails: contacts.findByEmails.bind(contacts),
    insertConversations: conversations.insertMany.bind(conversations),
    insertItems: timeline.insertMany.bind(timeline),
    findMessages: timeline.findManyByExternalId.bind(timeline),
  };
}

async function newWorkspace(storage: Storage): Promise<string> {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  return ws.id;
}

/** `count` contacts with conversations and one incoming message each, of one channel. */
function backlog(ws: string, count: number, channelId = fixtures.id('chan')) {
  const contacts: Contact[] = Array.from({ length: count }, (_, n) => fixtures.contact(ws, { email: `Backlog.${n}@Example.com`, name: `Customer ${n}` }));
  const conversations: Conversation[] = contacts.map((c, n) => fixtures.conversation(ws, { channelId, contactId: c.id, subject: `Parcel ${n} went missing` }));
  const messages: Message[] = conversations.map((c, n) => fixtures.message(c, { channelId, externalId: `<backlog-${n}@mail.test>`, text: `tracking number zq${n}x` }));
  return { channelId, contacts, conversations, messages };
}

// The batch methods behind `kit.ingestMany`: each is the single-row method for many rows, all or nothing.
export const batchWritesSuite = defineSuite('batch methods', (t) => {
  t.test('insertMany stores every row as insert would; findByEmails and findManyByExternalId find them', async (ctx) => {
    const batch = batchOf(ctx);
    const ws = await newWorkspace(ctx.storage);
    const b = backlog(ws, 5);
    await batch.insertContacts(b.contacts);
    await batch.insertConversations(b.conversations);
    await batch.insertItems(b.messages);
    const stored = await batch.findByEmails(ws, ['BACKLOG.3@example.COM', 'backlog.1@example.com', 'backlog.1@example.com', 'nobody@example.com']);
    expect(stored, 'normalized emails, ordered by id, each once').toEqual([b.contacts[1]!, b.contacts[3]!].map((c) => ({ ...c, email: c.email!.toLowerCase() })).sort(byId));
    for (const conversation of b.conversations) expect(await ctx.storage.conversations.get(ws, conversation.id)).toEqual(conversation);
    const found = await batch.findMessages(ws, b.channelId, [b.messages[0]!.externalId!, b.messages[4]!.externalId!, '<missing@mail.test>']);
    expect(found.sort(byId)).toEqual([b.messages[0]!, b.messages[4]!].sort(byId));
    expect(await batch.findMessages(ws, fixtures.id('chan'), [b.messages[0]!.externalId!]), 'another channel').toEqual([]);
  });

  t.test('the lookups never see another workspace', async (ctx) => {
    const batch = batchOf(ctx);
    const [ws, other] = [await newWorkspace(ctx.storage), await newWorkspace(ctx.storage)];
    const b = backlog(other, 2);
    await batch.insertContacts(b.contacts);
    await batch.insertItems(b.messages);
    expect(await batch.findByEmails(ws, b.contacts.map((c) => c.email!))).toEqual([]);
    expect(await batch.findMessages(ws, b.channelId, b.messages.map((m) => m.externalId!))).toEqual([]);
  });

  t.test('a unique key taken in the store or twice in the batch is CONFLICT, and none of the batch stays', async (ctx) => {
    const batch = batchOf(ctx);
    const ws = await newWorkspace(ctx.storage);
    const b = backlog(ws, 3);
    await ctx.storage.contacts.insert(b.contacts[0]!);
    await expectConflict(batch.insertContacts(b.contacts), 'a contact id that exists');
    const twins = [b.contacts[1]!, { ...b.contacts[2]!, email: b.contacts[1]!.email!.toUpperCase() }];
    await expectConflict(batch.insertContacts(twins), 'one email twice in the batch');
    expect(await batch.findByEmails(ws, b.contacts.map((c) => c.email!))).toEqual([{ ...b.contacts[0]!, email: b.contacts[0]!.email!.toLowerCase() }]);

    await expectConflict(batch.insertConversations([b.conversations[1]!, b.conversations[1]!]), 'one conversation id twice');
    expect(await ctx.storage.conversations.get(ws, b.conversations[1]!.id)).toBeNull();

    await ctx.storage.timeline.insert(b.messages[0]!);
    const sameExternalId = { ...b.messages[1]!, externalId: b.messages[0]!.externalId };
    await expectConflict(batch.insertItems([b.messages[2]!, sameExternalId]), 'an external id that exists');
    expect(await ctx.storage.timeline.get(ws, b.messages[2]!.id)).toBeNull();
  });

  t.test('inside a transaction the rows are read back at once, and a rollback takes them all away', async (ctx) => {
    const batch = batchOf(ctx);
    const ws = await newWorkspace(ctx.storage);
    const b = backlog(ws, 4);
    const failure = new Error('roll back');
    const outcome = await ctx.storage
      .transaction(async (tx) => {
        await tx.contacts.insertMany!(b.contacts);
        await tx.conversations.insertMany!(b.conversations);
        await tx.timeline.insertMany!(b.messages);
        expect(idsOf(await tx.contacts.findByEmails!(ws, b.contacts.map((c) => c.email!), { lock: true }))).toEqual(idsOf(b.contacts).sort());
        expect(await tx.conversations.count(ws, {})).toBe(4);
        expect(await tx.timeline.findManyByExternalId!(ws, b.channelId, [b.messages[3]!.externalId!])).toEqual([b.messages[3]!]);
        throw failure;
      })
      .catch((error: unknown) => error);
    expect(outcome).toBe(failure);
    expect(await batch.findByEmails(ws, b.contacts.map((c) => c.email!))).toEqual([]);
    expect(await ctx.storage.conversations.count(ws, {})).toBe(0);
    expect(await batch.findMessages(ws, b.channelId, b.messages.map((m) => m.externalId!))).toEqual([]);
  });

  t.test('noteIncomingMany keeps the latest arrival per conversation, as noteIncoming does', async (ctx) => {
    const reads = ctx.storage.capabilities.reads ? ctx.storage.reads : undefined;
    if (!reads?.noteIncomingMany) return ctx.skip('store has no noteIncomingMany');
    const ws = await newWorkspace(ctx.storage);
    const [a, b] = [fixtures.conversation(ws), fixtures.conversation(ws)];
    for (const c of [a, b]) await ctx.storage.conversations.insert(c);
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: a.id, readAt: FIXTURE_TIME + 20 });
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: b.id, readAt: FIXTURE_TIME + 20 });
    await reads.noteIncomingMany(ws, [
      { conversationId: a.id, at: FIXTURE_TIME + 30 },
      { conversationId: a.id, at: FIXTURE_TIME + 10 },
      { conversationId: b.id, at: FIXTURE_TIME + 15 },
    ]);
    await reads.noteIncomingMany(ws, [{ conversationId: b.id, at: FIXTURE_TIME + 5 }]);
    expect((await reads.status(ws, 'u1', [a.id, b.id])).map((s) => s.unread)).toEqual([true, false]);
    await reads.put({ workspaceId: ws, userId: 'u1', conversationId: a.id, readAt: FIXTURE_TIME + 25 });
    expect((await reads.status(ws, 'u1', [a.id]))[0]!.unread, 'the later of the two notes counts').toBe(true);
  });

  t.test('search finds conversations written by the batch methods by subject, body and contact', async (ctx) => {
    const batch = batchOf(ctx);
    const search = ctx.storage.capabilities.search ? ctx.storage.search : undefined;
    if (!search) return ctx.skip('store has no search capability');
    const ws = await newWorkspace(ctx.storage);
    const b = backlog(ws, 3);
    await batch.insertContacts(b.contacts);
    await batch.insertConversations(b.conversations);
    // Two items of one conversation in one call: both bodies count.
    await batch.insertItems([...b.messages, fixtures.message(b.conversations[0]!, { channelId: b.channelId, text: 'second note about kettles' })]);
    const find = async (text: string) => idsOf((await search.conversations(ws, { match: parseSearchQuery(text), limit: 10 })).items.map((hit) => hit.conversation));
    expect(await find('zq1x')).toEqual([b.conversations[1]!.id]);
    expect(await find('kettles')).toEqual([b.conversations[0]!.id]);
    expect(await find('zq0x')).toEqual([b.conversations[0]!.id]);
    expect((await find('parcel')).sort()).toEqual(idsOf(b.conversations).sort());
    expect(await find('customer 2')).toEqual([b.conversations[2]!.id]);
  });
});
