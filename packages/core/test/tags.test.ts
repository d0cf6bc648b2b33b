import { describe, expect, it } from 'vitest';
import type { EventType } from '@inboxkit/core';
import { accepted, failureCode, useAcme, validationIssues } from './setup.js';

const t = useAcme();

let messages = 0;

/** A new conversation in the Support (default) or Sales inbox. */
async function conversation(inbox: 'support' | 'sales' = 'support', externalId = `m-${++messages}`) {
  const { acme, supportChannel, salesChannel } = t.acme;
  const channelId = inbox === 'support' ? supportChannel.id : salesChannel.id;
  return accepted(await t.h.kit.ingest({ workspaceId: acme.id, channelId, externalId, from: { email: 'c@c.test' }, text: 'hi' })).conversation;
}

/** The events of `types` recorded after `after` (a seq), as `[type, data]`. */
async function eventsOf(types: EventType[], after = 0) {
  const { items } = await t.acme.ws.events.read({ after, limit: 500 });
  return items.filter((e) => types.includes(e.type)).map((e) => [e.type, e.data]);
}

async function lastSeq(): Promise<number> {
  return (await t.acme.ws.events.read({ limit: 500 })).items.at(-1)?.seq ?? 0;
}

describe('ws.tags', () => {
  it('creates, lists, renames, recolours and deletes, each with an event', async () => {
    const { ws } = t.acme;
    const vip = await ws.tags.create({ name: '  VIP ', color: '#ff0000' });
    expect(vip).toMatchObject({ name: 'VIP', color: '#ff0000', workspaceId: t.acme.acme.id });
    const bug = await ws.tags.create({ name: 'Bug' });
    expect(bug.color).toBeNull();
    expect((await ws.tags.list()).items.map((tag) => tag.id)).toEqual([vip.id, bug.id]);
    expect(await ws.tags.list({ limit: 1 })).toMatchObject({ items: [{ id: vip.id }], nextCursor: expect.any(String) });

    t.h.clock.advance(1000);
    const renamed = await ws.tags.update(vip.id, { name: 'Priority', color: null });
    expect(renamed).toMatchObject({ name: 'Priority', color: null, updatedAt: vip.createdAt + 1000 });
    expect(await ws.tags.get(vip.id)).toEqual(renamed);
    await ws.tags.delete(bug.id);
    expect(await failureCode(ws.tags.get(bug.id))).toBe('NOT_FOUND');
    expect(await failureCode(ws.tags.delete(bug.id))).toBe('NOT_FOUND');
    expect(await eventsOf(['tag.created', 'tag.updated', 'tag.deleted'])).toEqual([
      ['tag.created', { tagId: vip.id, name: 'VIP' }],
      ['tag.created', { tagId: bug.id, name: 'Bug' }],
      ['tag.updated', { tagId: vip.id, fields: ['name', 'color'] }],
      ['tag.deleted', { tagId: bug.id, conversationsUntagged: 0 }],
    ]);
  });

  it('names are unique per workspace ignoring case, on create and rename', async () => {
    const { ws } = t.acme;
    const vip = await ws.tags.create({ name: 'VIP' });
    const bug = await ws.tags.create({ name: 'Bug' });
    expect(await failureCode(ws.tags.create({ name: 'vip' }))).toBe('CONFLICT');
    expect(await failureCode(ws.tags.update(bug.id, { name: 'Vip' }))).toBe('CONFLICT');
    // Its own name, in another case, is not a clash.
    expect((await ws.tags.update(vip.id, { name: 'vip' })).name).toBe('vip');
    // Another workspace may use the name.
    const other = await t.h.kit.workspaces.create({ name: 'Other' });
    expect((await t.h.kit.workspace(other.id).tags.create({ name: 'VIP' })).name).toBe('VIP');
  });

  it('validates names and colours, naming the field', async () => {
    const { ws } = t.acme;
    expect(await validationIssues(ws.tags.create({ name: '   ' }))).toEqual([expect.stringMatching(/^name: /)]);
    expect(await validationIssues(ws.tags.create({ name: 'x', color: 'red' }))).toEqual(['color: a colour is #rrggbb']);
    expect(await validationIssues(ws.tags.create({ name: 'x', extra: 1 } as never))).toEqual(['extra: unknown field']);
  });

  it('agents read tags; only admins create, change or delete them', async () => {
    const { ws, kari, admin } = t.acme;
    const vip = await ws.tags.create({ name: 'VIP' });
    const agent = ws.asUser(kari.id);
    expect((await agent.tags.list()).items.map((tag) => tag.id)).toEqual([vip.id]);
    expect(await agent.tags.get(vip.id)).toEqual(vip);
    expect(await failureCode(agent.tags.create({ name: 'Mine' }))).toBe('FORBIDDEN');
    expect(await failureCode(agent.tags.update(vip.id, { name: 'Mine' }))).toBe('FORBIDDEN');
    expect(await failureCode(agent.tags.delete(vip.id))).toBe('FORBIDDEN');
    expect(await ws.tags.get(vip.id)).toEqual(vip);
    expect((await ws.asUser(admin.id).tags.create({ name: 'Admin made' })).name).toBe('Admin made');
  });

  it("another workspace's tags are NOT_FOUND and unknown tags for tagging", async () => {
    const other = t.h.kit.workspace((await t.h.kit.workspaces.create({ name: 'Other' })).id);
    const theirs = await other.tags.create({ name: 'Theirs' });
    const { ws } = t.acme;
    expect(await failureCode(ws.tags.get(theirs.id))).toBe('NOT_FOUND');
    expect(await failureCode(ws.tags.update(theirs.id, { name: 'Ours' }))).toBe('NOT_FOUND');
    expect(await failureCode(ws.tags.delete(theirs.id))).toBe('NOT_FOUND');
    const conv = await conversation();
    expect(await validationIssues(ws.conversations.tag(conv.id, { tagIds: [theirs.id] }))).toEqual([`tagIds[0]: unknown tag "${theirs.id}"`]);
    expect(await other.tags.get(theirs.id)).toEqual(theirs);
    // Nor can the other workspace tag this one's conversation.
    expect(await failureCode(other.conversations.tag(conv.id, { tagIds: [theirs.id] }))).toBe('NOT_FOUND');
  });
});

describe('conversations.tag / untag', () => {
  it('adds and removes idempotently, with one event per change naming the changed ids', async () => {
    const { ws, kari } = t.acme;
    const [vip, bug, billing] = [await ws.tags.create({ name: 'VIP' }), await ws.tags.create({ name: 'Bug' }), await ws.tags.create({ name: 'Billing' })];
    const conv = await conversation();
    expect(conv.tagIds).toEqual([]);
    const after = await lastSeq();

    t.h.clock.advance(500);
    const tagged = await ws.conversations.tag(conv.id, { tagIds: [vip.id, bug.id, vip.id], by: kari.id });
    expect(tagged).toMatchObject({ tagIds: [vip.id, bug.id], updatedAt: conv.updatedAt + 500 });
    const again = await ws.conversations.tag(conv.id, { tagIds: [bug.id] });
    expect(again).toEqual(tagged); // nothing changed, nothing written
    expect((await ws.conversations.tag(conv.id, { tagIds: [bug.id, billing.id] })).tagIds).toEqual([vip.id, bug.id, billing.id]);
    expect((await ws.conversations.untag(conv.id, { tagIds: [vip.id, billing.id] })).tagIds).toEqual([bug.id]);
    expect((await ws.conversations.untag(conv.id, { tagIds: [vip.id] })).tagIds).toEqual([bug.id]);
    expect(await ws.conversations.get(conv.id)).toMatchObject({ tagIds: [bug.id] });

    const by = { type: 'user', id: kari.id };
    const system = { type: 'system', id: null };
    const inboxId = conv.inboxId;
    expect(await eventsOf(['conversation.tagged', 'conversation.untagged'], after)).toEqual([
      ['conversation.tagged', { conversationId: conv.id, inboxId, tagIds: [vip.id, bug.id], by }],
      ['conversation.tagged', { conversationId: conv.id, inboxId, tagIds: [billing.id], by: system }],
      ['conversation.untagged', { conversationId: conv.id, inboxId, tagIds: [vip.id, billing.id], by: system }],
    ]);
  });

  it('refuses unknown tags and empty lists without writing anything', async () => {
    const { ws } = t.acme;
    const vip = await ws.tags.create({ name: 'VIP' });
    const conv = await conversation();
    expect(await validationIssues(ws.conversations.tag(conv.id, { tagIds: [vip.id, 'tag_nope'] }))).toEqual(['tagIds[1]: unknown tag "tag_nope"']);
    expect(await validationIssues(ws.conversations.untag(conv.id, { tagIds: ['tag_nope'] }))).toEqual(['tagIds[0]: unknown tag "tag_nope"']);
    expect(await validationIssues(ws.conversations.tag(conv.id, { tagIds: [] }))).toEqual([expect.stringMatching(/^tagIds: /)]);
    expect(await validationIssues(ws.conversations.tag(conv.id, { tagIds: [vip.id], by: 'usr_nope' }))).toEqual(['by: unknown user "usr_nope"']);
    expect((await ws.conversations.get(conv.id)).tagIds).toEqual([]);
    expect(await failureCode(ws.conversations.tag('conv_nope', { tagIds: [vip.id] }))).toBe('NOT_FOUND');
  });

  it('agents tag what they see; a conversation outside their inboxes is NOT_FOUND and unchanged', async () => {
    const { ws, kari, ola } = t.acme;
    const vip = await ws.tags.create({ name: 'VIP' });
    const support = await conversation('support');
    const sales = await conversation('sales');
    const agent = ws.asUser(kari.id);
    // The scoped user is the actor, whatever `by` says.
    await agent.conversations.tag(support.id, { tagIds: [vip.id], by: ola.id });
    expect((await eventsOf(['conversation.tagged'])).at(-1)).toEqual([
      'conversation.tagged',
      { conversationId: support.id, inboxId: support.inboxId, tagIds: [vip.id], by: { type: 'user', id: kari.id } },
    ]);
    expect(await failureCode(agent.conversations.tag(sales.id, { tagIds: [vip.id] }))).toBe('NOT_FOUND');
    await ws.conversations.tag(sales.id, { tagIds: [vip.id] });
    expect(await failureCode(agent.conversations.untag(sales.id, { tagIds: [vip.id] }))).toBe('NOT_FOUND');
    expect((await ws.conversations.get(sales.id)).tagIds).toEqual([vip.id]);
    // Lists by tag stay within the agent's inboxes.
    expect((await agent.conversations.list({ tagId: vip.id })).items.map((c) => c.id)).toEqual([support.id]);
    expect((await ws.conversations.list({ tagId: vip.id })).items.map((c) => c.id)).toEqual([sales.id, support.id]);
  });

  it('deleting a tag takes it off every conversation in the same change', async () => {
    const { ws } = t.acme;
    const [vip, bug] = [await ws.tags.create({ name: 'VIP' }), await ws.tags.create({ name: 'Bug' })];
    const a = await conversation('support');
    const b = await conversation('sales');
    const untouched = await conversation('support');
    await ws.conversations.tag(a.id, { tagIds: [vip.id, bug.id] });
    await ws.conversations.tag(b.id, { tagIds: [vip.id] });
    await ws.conversations.close(b.id);
    await ws.conversations.tag(untouched.id, { tagIds: [bug.id] });
    const after = await lastSeq();

    await ws.tags.delete(vip.id);
    expect((await ws.conversations.get(a.id)).tagIds).toEqual([bug.id]);
    expect((await ws.conversations.get(b.id)).tagIds).toEqual([]);
    expect((await ws.conversations.get(untouched.id)).tagIds).toEqual([bug.id]);
    expect((await ws.conversations.list({ tagId: vip.id, status: ['open', 'closed'] })).items).toEqual([]);
    const events = await eventsOf(['conversation.untagged', 'tag.deleted'], after);
    const system = { type: 'system', id: null };
    expect(events).toEqual(
      expect.arrayContaining([
        ['conversation.untagged', { conversationId: a.id, inboxId: a.inboxId, tagIds: [vip.id], by: system, reason: 'tag-deleted' }],
        ['conversation.untagged', { conversationId: b.id, inboxId: b.inboxId, tagIds: [vip.id], by: system, reason: 'tag-deleted' }],
      ]),
    );
    expect(events).toHaveLength(3);
    expect(events.at(-1)).toEqual(['tag.deleted', { tagId: vip.id, conversationsUntagged: 2 }]);
    expect(await validationIssues(ws.conversations.tag(a.id, { tagIds: [vip.id] }))).toEqual([`tagIds[0]: unknown tag "${vip.id}"`]);
  });
});
