import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError, type CreateFilterInput, type IngestResult } from '@inboxkit/core';
import { recordingNotifier, routingFixture, type RoutingFixture } from './routing-setup.js';

describe('email filters', () => {
  let f: RoutingFixture;
  let notes: ReturnType<typeof recordingNotifier>;
  beforeEach(async () => {
    notes = recordingNotifier();
    f = await routingFixture({ notifier: notes.notifier });
    // Everyone wants every new conversation, so a filtered one would show up as a notification.
    for (const user of [f.users.anna, f.users.bo]) await f.ws.notifications.setPreferences(user.id, { events: { 'conversation.created': true } });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id, f.users.bo.id] }, strategy: 'round-robin' });
    await f.kit.idle();
  });
  afterEach(() => f.stop());

  let n = 0;
  const ingest = (from: string, subject = 'Hello', inboxChannel = f.emailChannel.id): Promise<IngestResult> =>
    f.kit.ingest({ workspaceId: f.workspace.id, channelId: inboxChannel, externalId: `m${++n}@x`, from: { email: from }, subject, text: 'Hi' });
  const filter = (rule: Omit<CreateFilterInput, 'inboxId'>) => f.ws.filters.create({ inboxId: f.inbox.id, ...rule });

  it.each<[string, Omit<CreateFilterInput, 'inboxId' | 'action'>, string, string, string]>([
    ['a sender, case-insensitively', { senders: ['Promo@Shop.test'] }, 'PROMO@shop.TEST', 'Hello', 'sender promo@shop.test'],
    ['a domain', { domains: ['shop.test'] }, 'deals@shop.test', 'Hello', 'sender domain shop.test'],
    ['subdomains when asked', { domains: ['*.shop.test'] }, 'deals@eu.mail.shop.test', 'Hello', 'sender domain eu.mail.shop.test matches *.shop.test'],
    ['a subject pattern', { subjectPatterns: ['you * won'] }, 'someone@else.test', 'YOU have WON', 'subject matches "you * won"'],
  ])('drops mail matching %s: nothing stored, routed or notified; the drop is recorded', async (_name, criteria, from, subject, reason) => {
    const created = await filter({ ...criteria, action: 'drop' });
    const result = await ingest(from, subject);
    await f.kit.idle();
    expect(result).toMatchObject({ status: 'filtered', filterId: created.id, reason, conversation: null });
    expect((await f.ws.conversations.list()).items).toEqual([]);
    expect((await f.ws.conversations.list({ spam: true })).items).toEqual([]);
    expect(await f.events('conversation.assigned', 'routing.unassigned')).toEqual([]);
    expect(notes.received).toEqual([]);
    expect((await f.events('message.filtered'))[0]!.data).toMatchObject({ filterId: created.id, action: 'drop', reason, conversationId: null });
  });

  it('lets other mail through, and other inboxes are not affected', async () => {
    await filter({ domains: ['shop.test'], action: 'drop' });
    expect(await ingest('nora@customer.test')).toMatchObject({ status: 'accepted' });
    const salesChannel = await f.ws.channels.connect({ inboxId: f.salesInbox.id, type: 'test', name: 'sales' });
    expect(await ingest('deals@shop.test', 'Hello', salesChannel.id)).toMatchObject({ status: 'accepted' });
  });

  it('keeps spam in the spam view, unrouted and silent, until a user releases it', async () => {
    const spamFilter = await filter({ domains: ['shop.test'], action: 'spam' });
    const result = await ingest('deals@shop.test', 'Big sale');
    await f.kit.idle();
    expect(result).toMatchObject({ status: 'filtered', filterId: spamFilter.id, reason: 'sender domain shop.test' });
    const spamId = result.conversation!.id;
    expect((await f.ws.conversations.list()).items).toEqual([]);
    expect((await f.ws.conversations.list({ spam: true })).items.map((c) => [c.id, c.assigneeId])).toEqual([[spamId, null]]);
    expect(await f.events('conversation.assigned', 'routing.unassigned')).toEqual([]);
    expect(notes.received).toEqual([]);
    expect((await f.events('message.filtered'))[0]!.data).toMatchObject({ action: 'spam', conversationId: spamId, messageId: result.message!.id });

    const released = await f.ws.asUser(f.users.bo.id).filters.release(spamId);
    await f.kit.idle();
    expect(released).toMatchObject({ spam: false, assigneeId: f.users.anna.id });
    expect((await f.ws.conversations.list()).items.map((c) => c.id)).toEqual([spamId]);
    expect((await f.events('conversation.released'))[0]!.data).toMatchObject({ conversationId: spamId, by: { type: 'user', id: f.users.bo.id } });
    expect((await f.events('conversation.assigned'))[0]!.data).toMatchObject({ reason: 'release:round-robin' });
    // Announced like a new conversation, to everyone but the user who released it.
    expect(notes.received.map((x) => [x.userId, x.type])).toEqual([
      [f.users.anna.id, 'conversation.created'],
      [f.users.anna.id, 'conversation.assigned'],
    ]);
    expect(await f.ws.filters.release(spamId)).toMatchObject({ spam: false });
  });

  it('an allow filter lets its senders and domains through every deny filter, in any order', async () => {
    const dropShop = await filter({ domains: ['*.shop.test'], action: 'drop' });
    await filter({ subjectPatterns: ['sale'], action: 'spam' });
    const allow = await filter({ senders: ['orders@eu.shop.test'], domains: ['partner.test'], action: 'allow' });
    expect(allow).toMatchObject({ action: 'allow', senders: ['orders@eu.shop.test'], domains: ['partner.test'], subjectPatterns: [] });
    expect(await ingest('Orders@EU.shop.test', 'Big sale')).toMatchObject({ status: 'accepted', created: true });
    expect(await ingest('anna@partner.test', 'Sale on')).toMatchObject({ status: 'accepted' });
    // Only what the allow list names: the rest of the domain is still dropped, subdomains of partner.test still spam.
    expect(await ingest('promo@eu.shop.test', 'Hello')).toMatchObject({ status: 'filtered', filterId: dropShop.id });
    expect(await ingest('x@mail.partner.test', 'Sale')).toMatchObject({ status: 'filtered', reason: 'subject matches "sale"' });
    await f.kit.idle();
    expect((await f.events('message.filtered')).map((e) => e.data.from)).toEqual(['promo@eu.shop.test', 'x@mail.partner.test']);
    expect((await f.events('filter.created')).map((e) => e.data.action)).toEqual(['drop', 'spam', 'allow']);
    const bad = await f.ws.filters.create({ inboxId: f.inbox.id, domains: ['ok.test', 'bad_domain'], subjectPatterns: ['x'], action: 'allow' }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(bad) && bad.issues.map((i) => i.path).sort()).toEqual(['domains[1]', 'subjectPatterns']);
    // Deleting the allow filter lets the deny filters catch those senders again.
    await f.ws.filters.delete(allow.id);
    expect(await ingest('anna@partner.test', 'Sale on')).toMatchObject({ status: 'filtered' });
  });

  it('creates, lists, reads and deletes filters; a deleted filter stops filtering', async () => {
    const a = await filter({ senders: ['a@spam.test'], action: 'drop' });
    const b = await filter({ domains: ['spam.test'], action: 'spam' });
    await f.ws.filters.create({ inboxId: f.salesInbox.id, domains: ['x.test'], action: 'drop' });
    expect((await f.ws.filters.list({ inboxId: f.inbox.id })).items.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(await f.ws.filters.get(a.id)).toEqual(a);
    // The first matching filter (in creation order) decides.
    expect(await ingest('a@spam.test')).toMatchObject({ filterId: a.id });
    await f.ws.filters.delete(a.id);
    expect(await ingest('a@spam.test')).toMatchObject({ status: 'filtered', filterId: b.id });
    expect(NotFoundError.isInstance(await f.ws.filters.get(a.id).catch((e: unknown) => e))).toBe(true);
    expect((await f.events('filter.created', 'filter.deleted')).map((e) => e.type)).toEqual(['filter.created', 'filter.created', 'filter.created', 'filter.deleted']);
  });

  it('validates input and permissions', async () => {
    const bad = await f.ws.filters.create({ inboxId: 'inbox_nope', senders: ['a@b.test'], action: 'drop' }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(bad) && bad.issues.map((i) => i.path)).toEqual(['inboxId']);
    const asAnna = f.ws.asUser(f.users.anna.id);
    expect(ForbiddenError.isInstance(await asAnna.filters.create({ inboxId: f.inbox.id, senders: ['a@b.test'], action: 'drop' }).catch((e: unknown) => e))).toBe(true);
    const salesFilter = await f.ws.filters.create({ inboxId: f.salesInbox.id, domains: ['x.test'], action: 'drop' });
    // Anna does not see the Sales inbox: its filters are not hers to see.
    expect((await asAnna.filters.list()).items).toEqual([]);
    expect(NotFoundError.isInstance(await asAnna.filters.get(salesFilter.id).catch((e: unknown) => e))).toBe(true);
  });

  it("applies the filters of the channel's inbox as stored now, not of the inbox it was in for the last message", async () => {
    await f.ws.filters.create({ inboxId: f.salesInbox.id, senders: ['moved@shop.test'], action: 'drop' });
    expect((await ingest('moved@shop.test')).status).toBe('accepted');
    // Channels do not change inbox through the API; a store edited behind the kit's back can.
    const channel = (await f.storage.records.get(f.workspace.id, 'channel', f.emailChannel.id))!;
    await f.storage.records.put('channel', { ...channel, inboxId: f.salesInbox.id });
    expect((await ingest('moved@shop.test')).status).toBe('filtered');
    expect((await ingest('moved@shop.test')).status).toBe('filtered');
  });
});
