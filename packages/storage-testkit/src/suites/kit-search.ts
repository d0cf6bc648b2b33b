import { UnsupportedError, ValidationError, type Page, type Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { accepted, kitOn } from './kit.js';

/** The kit over the store under test; skips stores without the `search` capability. */
function searchable({ storage, skip }: ConformanceContext): Storage {
  return storage.capabilities.search ? storage : skip('store has no search capability');
}

/** Every page of a search, as conversation ids per page. */
async function pagesOf(search: (cursor: string | null) => Promise<Page<{ conversation: { id: string } }>>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: Page<{ conversation: { id: string } }> = await search(cursor);
    pages.push(page.items.map((hit) => hit.conversation.id));
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

// `conversations.search` through a real kit: what ingest, replies and comments write is
// searchable at once, and an agent's pages hold only their inboxes' conversations.
export const kitSearchSuite = defineSuite('kit search', (t) => {
  t.test('ingested messages, replies, comments and the sender are searchable as soon as the call returns', async (ctx) => {
    const { kit, api, agent, message } = await kitOn(searchable(ctx));
    const { conversation } = accepted(
      await kit.ingest(message(1, { from: { email: 'jorgen@fjell.test', name: 'Jørgen Ødegård' }, subject: 'Sykkel', text: 'Kjedet er ødelagt' })),
    );
    await kit.ingest(message(2, { text: 'unrelated' }));
    const ids = async (query: string) => (await api.conversations.search({ query })).items.map((hit) => hit.conversation.id);
    expect(await ids('odelagt')).toEqual([conversation.id]);
    expect(await ids('jorgen odegard')).toEqual([conversation.id]);
    expect(await ids('sykkel')).toEqual([conversation.id]);
    await api.conversations.reply(conversation.id, { authorId: agent.id, text: 'Vi sender et nytt kjede' });
    await api.conversations.comment(conversation.id, { authorId: agent.id, text: 'Garantisak' });
    expect(await ids('nytt kjede')).toEqual([conversation.id]);
    expect(await ids('garanti')).toEqual([conversation.id]);
    const [hit] = (await api.conversations.search({ query: 'kjede' })).items;
    expect(hit!.conversation).toEqual(await api.conversations.get(conversation.id));
    expect(typeof hit!.score).toBe('number');
  });

  t.test('an agent finds only conversations of their inboxes, in full pages; admins and the host find all', async (ctx) => {
    const { kit, api } = await kitOn(searchable(ctx));
    const agent = await api.users.create({ name: 'Scoped', email: 'scoped@search.test' });
    const admin = await api.users.create({ name: 'Boss', email: 'boss@search.test', role: 'admin' });
    const mine: string[] = [];
    const all: string[] = [];
    for (let n = 0; n < 9; n++) {
      const member = n % 3 === 1;
      const inbox = await api.inboxes.create({ name: `Inbox ${n}`, members: { users: member ? [agent.id] : [] } });
      const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: `ch ${n}` });
      for (let k = 0; k < 2; k++) {
        const { conversation } = accepted(
          await kit.ingest({ workspaceId: api.id, channelId: channel.id, externalId: `s-${n}-${k}`, from: { email: `c${n}${k}@search.test` }, text: 'printer jammed' }),
        );
        all.push(conversation.id);
        if (member) mine.push(conversation.id);
      }
    }
    const as = api.asUser(agent.id);
    const pages = await pagesOf((cursor) => as.conversations.search({ query: 'printer', cursor, limit: 2 }));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(pages.flat().sort()).toEqual([...mine].sort());
    const foreignInbox = (await api.conversations.get(all.find((id) => !mine.includes(id))!)).inboxId;
    expect(await as.conversations.search({ query: 'printer', inboxId: foreignInbox })).toEqual({ items: [], nextCursor: null });
    const adminHits = await api.asUser(admin.id).conversations.search({ query: 'printer', limit: 100 });
    expect(adminHits.items.map((hit) => hit.conversation.id).sort()).toEqual([...all].sort());
    expect((await api.conversations.search({ query: 'jammed', limit: 100 })).items).toHaveLength(all.length);
  });

  t.test('spam is left out unless asked for; search filters by tag; list and search take an activity window', async (ctx) => {
    const { kit, api, message } = await kitOn(searchable(ctx));
    const { items: [inbox] } = await api.inboxes.list();
    await api.filters.create({ inboxId: inbox!.id, senders: ['spammer@search.test'], action: 'spam' });
    const spam = await kit.ingest(message(1, { from: { email: 'spammer@search.test' }, text: 'cheap watches', receivedAt: 1000 }));
    expect(spam).toMatchObject({ status: 'filtered', conversation: { spam: true } });
    const real = accepted(await kit.ingest(message(2, { text: 'my watches stopped', receivedAt: 5000 })));
    const ids = async (query: Parameters<typeof api.conversations.search>[0]) =>
      (await api.conversations.search(query)).items.map((hit) => hit.conversation.id);
    expect(await ids({ query: 'watches' })).toEqual([real.conversation.id]);
    expect(await ids({ query: 'watches', spam: true })).toEqual([spam.conversation!.id]);
    const last = (await api.conversations.get(real.conversation.id)).lastMessageAt;
    expect(await ids({ query: 'watches', from: new Date(last), to: last + 1 })).toEqual([real.conversation.id]);
    expect(await ids({ query: 'watches', to: last })).toEqual([]);
    const listed = await api.conversations.list({ from: last, to: new Date(last + 1) });
    expect(listed.items.map((c) => c.id)).toEqual([real.conversation.id]);
    const tag = await api.tags.create({ name: 'Watches' });
    expect(await ids({ query: 'watches', tagId: tag.id })).toEqual([]);
    await api.conversations.tag(real.conversation.id, { tagIds: [tag.id] });
    expect(await ids({ query: 'watches', tagId: tag.id })).toEqual([real.conversation.id]);
  });

  t.test('bad queries are VALIDATION naming the field; a store without search is UNSUPPORTED', async (ctx) => {
    const storage = searchable(ctx);
    const { api } = await kitOn(storage);
    for (const [query, path] of [
      [{ query: '   ' }, 'query'],
      [{ query: '?!' }, 'query'],
      [{ query: 'x', from: 10, to: 10 }, 'to'],
      [{ query: 'x', limit: 101 }, 'limit'],
      [{ query: 'x', colour: 'red' }, 'colour'],
    ] as const) {
      const error = await rejection(api.conversations.search(query as never));
      expect(ValidationError.isInstance(error), JSON.stringify(query)).toBe(true);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
    }
    const listError = await rejection(api.conversations.list({ from: 10, to: 5 }));
    expect((listError as ValidationError).issues.map((issue) => issue.path)).toEqual(['to']);
    const withoutSearch: Storage = { ...storage, capabilities: { ...storage.capabilities, search: false } };
    const { api: bare } = await kitOn(withoutSearch);
    expect(UnsupportedError.isInstance(await rejection(bare.conversations.search({ query: 'x' })))).toBe(true);
  });
});
