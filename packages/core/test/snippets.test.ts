import { describe, expect, it } from 'vitest';
import type { CreateSnippetInput } from '@inboxkit/core';
import { accepted, failureCode, useAcme, validationIssues } from './setup.js';

const t = useAcme();

let messages = 0;

/** A new conversation in the Support (default) or Sales inbox, from Grace Hopper unless told. */
async function conversation(inbox: 'support' | 'sales' = 'support', from: { email?: string; name?: string } = { email: 'grace@navy.test', name: 'Grace Brewster Hopper' }) {
  const { acme, supportChannel, salesChannel } = t.acme;
  const channelId = inbox === 'support' ? supportChannel.id : salesChannel.id;
  const result = await t.h.kit.ingest({ workspaceId: acme.id, channelId, externalId: `m-${++messages}`, from, subject: 'Order #7', text: 'hi' });
  return accepted(result).conversation;
}

const snippet = (overrides: Partial<CreateSnippetInput> = {}): CreateSnippetInput => ({
  name: 'Greeting',
  shortcut: 'hello',
  body: 'Hi {{contact.firstName}}, {{agent.name}} here.',
  ...overrides,
});

describe('ws.snippets CRUD', () => {
  it('creates, gets, updates and deletes, each with an event', async () => {
    const { ws, supportInbox } = t.acme;
    const created = await ws.snippets.create(snippet({ inboxId: supportInbox.id }));
    expect(created).toMatchObject({ name: 'Greeting', shortcut: 'hello', inboxId: supportInbox.id, workspaceId: t.acme.acme.id });
    const everywhere = await ws.snippets.create(snippet({ shortcut: 'bye', body: 'Bye!' }));
    expect(everywhere.inboxId).toBeNull();
    expect(await ws.snippets.get(created.id)).toEqual(created);

    t.h.clock.advance(1000);
    const updated = await ws.snippets.update(created.id, { body: 'Hello {{contact.name}}', inboxId: null });
    expect(updated).toMatchObject({ body: 'Hello {{contact.name}}', inboxId: null, shortcut: 'hello', updatedAt: created.createdAt + 1000 });
    await ws.snippets.delete(everywhere.id);
    expect(await failureCode(ws.snippets.get(everywhere.id))).toBe('NOT_FOUND');
    expect(await failureCode(ws.snippets.delete(everywhere.id))).toBe('NOT_FOUND');
    const events = (await ws.events.read({ limit: 500 })).items.filter((e) => e.type.startsWith('snippet.')).map((e) => [e.type, e.data]);
    expect(events).toEqual([
      ['snippet.created', { snippetId: created.id, inboxId: supportInbox.id }],
      ['snippet.created', { snippetId: everywhere.id, inboxId: null }],
      ['snippet.updated', { snippetId: created.id, inboxId: null, fields: ['body', 'inboxId'] }],
      ['snippet.deleted', { snippetId: everywhere.id, inboxId: null }],
    ]);
  });

  it('validates the body at save, naming body and the variable', async () => {
    const { ws } = t.acme;
    expect(await validationIssues(ws.snippets.create(snippet({ body: 'Call {{contact.phone}}' })))).toEqual([
      expect.stringMatching(/^body: unknown variable \{\{contact\.phone\}\}/),
    ]);
    expect(await validationIssues(ws.snippets.create(snippet({ body: 'Hi {{contact.name' })))).toEqual([
      'body: "{{" at character 3 is never closed with "}}"',
    ]);
    const saved = await ws.snippets.create(snippet());
    expect(await validationIssues(ws.snippets.update(saved.id, { body: '{{ agent }}' }))).toEqual([expect.stringMatching(/^body: .* is not a variable/)]);
    expect((await ws.snippets.get(saved.id)).body).toBe(saved.body);
  });

  it('validates shortcut and inbox; shortcuts are unique per workspace', async () => {
    const { ws, salesInbox } = t.acme;
    for (const shortcut of ['Hello', '-x', 'a b', '', 'ä']) {
      expect(await validationIssues(ws.snippets.create(snippet({ shortcut }))), shortcut).toEqual([expect.stringMatching(/^shortcut: /)]);
    }
    expect(await validationIssues(ws.snippets.create(snippet({ inboxId: 'inb_nope' })))).toEqual(['inboxId: unknown inbox "inb_nope"']);
    const first = await ws.snippets.create(snippet({ shortcut: 'refund-1_a' }));
    expect(await failureCode(ws.snippets.create(snippet({ shortcut: 'refund-1_a', inboxId: salesInbox.id })))).toBe('CONFLICT');
    const second = await ws.snippets.create(snippet({ shortcut: 'refund-2' }));
    expect(await failureCode(ws.snippets.update(second.id, { shortcut: first.shortcut }))).toBe('CONFLICT');
    expect((await ws.snippets.update(first.id, { shortcut: first.shortcut, name: 'Same' })).name).toBe('Same');
    const other = t.h.kit.workspace((await t.h.kit.workspaces.create({ name: 'Other' })).id);
    expect((await other.snippets.create(snippet({ shortcut: 'refund-1_a' }))).shortcut).toBe('refund-1_a');
  });

  it('deleting an inbox deletes its snippets', async () => {
    const { ws, salesInbox, salesChannel } = t.acme;
    const sales = await ws.snippets.create(snippet({ shortcut: 'sales', inboxId: salesInbox.id }));
    const everywhere = await ws.snippets.create(snippet({ shortcut: 'all' }));
    await ws.channels.disconnect(salesChannel.id);
    await ws.inboxes.delete(salesInbox.id);
    expect(await failureCode(ws.snippets.get(sales.id))).toBe('NOT_FOUND');
    expect((await ws.snippets.list()).items.map((s) => s.id)).toEqual([everywhere.id]);
    const tail = (await ws.events.read({ limit: 500 })).items.slice(-2).map((e) => e.type);
    expect(tail).toEqual(['snippet.deleted', 'inbox.deleted']);
  });
});

describe('snippets.list', () => {
  it('orders by shortcut, filters by inbox (its own and all-inbox ones) and shortcut prefix, pages full', async () => {
    const { ws, supportInbox, salesInbox } = t.acme;
    const make = (shortcut: string, inboxId: string | null) => ws.snippets.create(snippet({ shortcut, inboxId }));
    const refundSales = await make('refund-sales', salesInbox.id);
    const refund = await make('refund', null);
    const hello = await make('hello', supportInbox.id);
    const refundSupport = await make('refund-support', supportInbox.id);
    const shortcuts = (page: { items: Array<{ shortcut: string }> }) => page.items.map((s) => s.shortcut);

    expect(shortcuts(await ws.snippets.list())).toEqual(['hello', 'refund', 'refund-sales', 'refund-support']);
    expect(shortcuts(await ws.snippets.list({ inboxId: supportInbox.id }))).toEqual(['hello', 'refund', 'refund-support']);
    expect(shortcuts(await ws.snippets.list({ shortcutPrefix: 'ref' }))).toEqual(['refund', 'refund-sales', 'refund-support']);
    expect(shortcuts(await ws.snippets.list({ shortcutPrefix: 'ref', inboxId: salesInbox.id }))).toEqual(['refund', 'refund-sales']);
    expect(shortcuts(await ws.snippets.list({ shortcutPrefix: 'nope' }))).toEqual([]);

    const first = await ws.snippets.list({ shortcutPrefix: 'refund', limit: 2 });
    expect(first.items.map((s) => s.id)).toEqual([refund.id, refundSales.id]);
    const second = await ws.snippets.list({ shortcutPrefix: 'refund', limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ items: [refundSupport], nextCursor: null });
    expect(await ws.snippets.list({ limit: 4 })).toMatchObject({ nextCursor: null });
    expect(hello.inboxId).toBe(supportInbox.id);
    expect(await failureCode(ws.snippets.list({ cursor: 'forged' }))).toBe('VALIDATION');
  });

  it('agents list and get the snippets of inboxes they see (and all-inbox ones); pages are full', async () => {
    const { ws, kari, supportInbox, salesInbox } = t.acme;
    const sales = await ws.snippets.create(snippet({ shortcut: 'a-sales', inboxId: salesInbox.id }));
    const support = await ws.snippets.create(snippet({ shortcut: 'b-support', inboxId: supportInbox.id }));
    const everywhere = await ws.snippets.create(snippet({ shortcut: 'c-all' }));
    const agent = ws.asUser(kari.id);
    expect((await agent.snippets.list()).items.map((s) => s.id)).toEqual([support.id, everywhere.id]);
    expect(await agent.snippets.list({ limit: 1 })).toMatchObject({ items: [{ id: support.id }], nextCursor: expect.any(String) });
    expect((await agent.snippets.list({ inboxId: salesInbox.id })).items).toEqual([]);
    expect(await agent.snippets.get(everywhere.id)).toEqual(everywhere);
    expect(await failureCode(agent.snippets.get(sales.id))).toBe('NOT_FOUND');
  });

  it('only admins write; a hidden snippet is NOT_FOUND before FORBIDDEN', async () => {
    const { ws, kari, salesInbox } = t.acme;
    const sales = await ws.snippets.create(snippet({ shortcut: 'sales', inboxId: salesInbox.id }));
    const everywhere = await ws.snippets.create(snippet({ shortcut: 'all' }));
    const agent = ws.asUser(kari.id);
    expect(await failureCode(agent.snippets.create(snippet({ shortcut: 'mine' })))).toBe('FORBIDDEN');
    expect(await failureCode(agent.snippets.update(everywhere.id, { name: 'Mine' }))).toBe('FORBIDDEN');
    expect(await failureCode(agent.snippets.delete(everywhere.id))).toBe('FORBIDDEN');
    expect(await failureCode(agent.snippets.update(sales.id, { name: 'Mine' }))).toBe('NOT_FOUND');
    expect(await failureCode(agent.snippets.delete(sales.id))).toBe('NOT_FOUND');
    expect(await ws.snippets.get(everywhere.id)).toEqual(everywhere);
  });

  it("another workspace's snippets are NOT_FOUND", async () => {
    const other = t.h.kit.workspace((await t.h.kit.workspaces.create({ name: 'Other' })).id);
    const theirs = await other.snippets.create(snippet());
    const { ws } = t.acme;
    const conv = await conversation();
    expect(await failureCode(ws.snippets.get(theirs.id))).toBe('NOT_FOUND');
    expect(await failureCode(ws.snippets.update(theirs.id, { name: 'Ours' }))).toBe('NOT_FOUND');
    expect(await failureCode(ws.snippets.delete(theirs.id))).toBe('NOT_FOUND');
    expect(await failureCode(ws.snippets.render(theirs.id, { conversationId: conv.id }))).toBe('NOT_FOUND');
    expect((await ws.snippets.list()).items).toEqual([]);
    // Their snippet cannot render our conversation either.
    expect(await failureCode(other.snippets.render(theirs.id, { conversationId: conv.id }))).toBe('NOT_FOUND');
  });
});

describe('snippets.render', () => {
  const every = 'Hi {{contact.firstName}} ({{contact.name}}, {{contact.email}}) — {{agent.name}} <{{agent.email}}>, {{inbox.name}}: {{conversation.subject}}';

  it('fills in the contact, the acting user, the inbox and the subject', async () => {
    const { ws, kari } = t.acme;
    const conv = await conversation();
    const { id } = await ws.snippets.create(snippet({ body: every }));
    expect(await ws.asUser(kari.id).snippets.render(id, { conversationId: conv.id })).toEqual({
      text: 'Hi Grace (Grace Brewster Hopper, grace@navy.test) — Kari Nordmann <kari@acme.test>, Support: Order #7',
    });
  });

  it('host calls name the agent with `by`, or render agent values empty; missing values are empty', async () => {
    const { ws, ola } = t.acme;
    const conv = await conversation('support', { email: 'anon@x.test' });
    const { id } = await ws.snippets.create(snippet({ body: every }));
    expect(await ws.snippets.render(id, { conversationId: conv.id })).toEqual({ text: 'Hi  (, anon@x.test) —  <>, Support: Order #7' });
    expect((await ws.snippets.render(id, { conversationId: conv.id, by: ola.id })).text).toContain('Ola Nordmann <ola@acme.test>');
    expect(await validationIssues(ws.snippets.render(id, { conversationId: conv.id, by: 'usr_nope' }))).toEqual(['by: unknown user "usr_nope"']);
  });

  it('never interprets HTML or values', async () => {
    const { ws } = t.acme;
    const conv = await conversation('support', { email: 'x@x.test', name: '<b>{{agent.email}}</b> &amp;' });
    const { id } = await ws.snippets.create(snippet({ body: '<p>{{contact.name}}</p>' }));
    expect(await ws.snippets.render(id, { conversationId: conv.id })).toEqual({ text: '<p><b>{{agent.email}}</b> &amp;</p>' });
  });

  it('needs a visible conversation of the snippet inbox', async () => {
    const { ws, kari, salesInbox } = t.acme;
    const support = await conversation('support');
    const sales = await conversation('sales');
    const everywhere = await ws.snippets.create(snippet({ shortcut: 'all' }));
    const salesOnly = await ws.snippets.create(snippet({ shortcut: 'sales', inboxId: salesInbox.id }));
    const agent = ws.asUser(kari.id);
    expect(await failureCode(agent.snippets.render(everywhere.id, { conversationId: sales.id }))).toBe('NOT_FOUND');
    expect(await failureCode(agent.snippets.render(salesOnly.id, { conversationId: sales.id }))).toBe('NOT_FOUND');
    expect(await failureCode(ws.snippets.render(everywhere.id, { conversationId: 'conv_nope' }))).toBe('NOT_FOUND');
    expect(await validationIssues(ws.snippets.render(salesOnly.id, { conversationId: support.id }))).toEqual([
      `conversationId: snippet "${salesOnly.id}" belongs to another inbox than the conversation`,
    ]);
  });
});
