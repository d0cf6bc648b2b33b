import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '@inboxkit/core';
import { routingFixture, type RoutingFixture } from './routing-setup.js';

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);
const isNotFound = async (promise: Promise<unknown>) => NotFoundError.isInstance(await failure(promise));

describe('conversations.move', () => {
  let f: RoutingFixture;
  beforeEach(async () => {
    f = await routingFixture();
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' });
  });
  afterEach(() => f.stop());

  /** Sales gets Dee (who is in Support too) and a channel of the same type with a rule handing out to Sam. */
  async function salesWithRouting() {
    await f.ws.inboxes.update(f.salesInbox.id, { members: { users: [f.users.sam.id, f.users.dee.id] } });
    const salesChannel = await f.ws.channels.connect({ inboxId: f.salesInbox.id, type: 'test', name: 'sales@acme.test' });
    await f.ws.routing.set(salesChannel.id, { targets: { users: [f.users.sam.id] }, strategy: 'round-robin' });
    return salesChannel;
  }

  it('moves to the other inbox: the old inbox loses it, the channel stays, replies still go out through it', async () => {
    await salesWithRouting();
    const conversation = await f.send();
    const asDee = f.ws.asUser(f.users.dee.id);
    const moved = await asDee.conversations.move(conversation.id, { inboxId: f.salesInbox.id });
    expect(moved).toMatchObject({ inboxId: f.salesInbox.id, channelId: f.emailChannel.id, status: 'open' });
    expect(await f.ws.conversations.get(conversation.id)).toEqual(moved);
    expect((await f.events('conversation.moved')).map((e) => e.data)).toEqual([
      { conversationId: conversation.id, fromInboxId: f.inbox.id, toInboxId: f.salesInbox.id, by: { type: 'user', id: f.users.dee.id } },
    ]);

    // Anna is only in Support: she lost it. Sam (Sales only) sees it now.
    const asAnna = f.ws.asUser(f.users.anna.id);
    expect(await isNotFound(asAnna.conversations.get(conversation.id))).toBe(true);
    expect(await isNotFound(asAnna.conversations.reply(conversation.id, { authorId: f.users.anna.id, text: 'hi' }))).toBe(true);
    expect((await asAnna.conversations.list()).items).toEqual([]);
    const asSam = f.ws.asUser(f.users.sam.id);
    expect((await asSam.conversations.list()).items.map((c) => c.id)).toEqual([conversation.id]);

    const reply = await asSam.conversations.reply(conversation.id, { authorId: f.users.sam.id, text: 'Sales here' });
    expect(reply).toMatchObject({ channelId: f.emailChannel.id, deliveryStatus: 'sent' });
  });

  it('clears an assignee who cannot see the new inbox, and the new inbox routing assigns it (one assignment event)', async () => {
    await salesWithRouting();
    const conversation = await f.send();
    expect(conversation.assigneeId).toBe(f.users.anna.id);
    const moved = await f.ws.conversations.move(conversation.id, { inboxId: f.salesInbox.id, by: f.users.admin.id });
    expect(moved.assigneeId).toBe(f.users.sam.id);
    const assigned = (await f.events('conversation.assigned')).slice(1);
    expect(assigned.map((e) => e.data)).toEqual([
      {
        conversationId: conversation.id,
        inboxId: f.salesInbox.id,
        assigneeId: f.users.sam.id,
        teamId: null,
        previousAssigneeId: f.users.anna.id,
        previousTeamId: null,
        by: { type: 'rule', id: expect.any(String) },
        reason: 'move:round-robin',
      },
    ]);
    expect(await f.events('conversation.moved')).toHaveLength(1);
    // The old channel's rule never drains it back to Support's people.
    await f.ws.conversations.assign(conversation.id, { userId: null });
    await f.ws.routing.drain();
    expect((await f.ws.conversations.get(conversation.id)).assigneeId).toBeNull();
  });

  it('keeps an assignee who sees the new inbox; without a rule there, a cleared one stays unassigned', async () => {
    await f.ws.inboxes.update(f.salesInbox.id, { members: { users: [f.users.sam.id, f.users.dee.id] } });
    const first = await f.send();
    await f.ws.conversations.assign(first.id, { userId: f.users.dee.id });
    const kept = await f.ws.conversations.move(first.id, { inboxId: f.salesInbox.id });
    expect(kept.assigneeId).toBe(f.users.dee.id);

    const second = await f.send();
    const cleared = await f.ws.conversations.move(second.id, { inboxId: f.salesInbox.id });
    expect(cleared.assigneeId).toBeNull();
    const events = await f.events('conversation.assigned', 'routing.unassigned');
    expect(events.at(-1)!.data).toMatchObject({ conversationId: second.id, assigneeId: null, previousAssigneeId: f.users.anna.id, reason: 'move:access-lost' });
    // Moving to the inbox it is in changes nothing.
    expect(await f.ws.conversations.move(second.id, { inboxId: f.salesInbox.id })).toEqual(cleared);
    expect(await f.events('conversation.moved')).toHaveLength(2);
  });

  it('moving out frees capacity in the old inbox: its queue drains', async () => {
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin', capacity: 1 });
    const first = await f.send();
    const waiting = await f.send();
    expect(waiting.assigneeId).toBeNull();
    await f.ws.conversations.move(first.id, { inboxId: f.salesInbox.id });
    await f.kit.idle();
    expect((await f.ws.conversations.get(waiting.id)).assigneeId).toBe(f.users.anna.id);
  });

  it('spam moves as spam and is not routed', async () => {
    await salesWithRouting();
    const conversation = await f.send();
    await f.ws.conversations.markSpam(conversation.id);
    const moved = await f.ws.conversations.move(conversation.id, { inboxId: f.salesInbox.id });
    expect(moved).toMatchObject({ spam: true, assigneeId: null, inboxId: f.salesInbox.id });
    // Released in Sales: routed by the Sales rule, not the channel's own (Support) rule.
    expect(await f.ws.conversations.notSpam(conversation.id)).toMatchObject({ assigneeId: f.users.sam.id });
  });

  it('needs both inboxes visible: NOT_FOUND otherwise, also for an unknown inbox', async () => {
    const conversation = await f.send();
    const asAnna = f.ws.asUser(f.users.anna.id);
    const asSam = f.ws.asUser(f.users.sam.id);
    expect(await isNotFound(asAnna.conversations.move(conversation.id, { inboxId: f.salesInbox.id }))).toBe(true);
    expect(await isNotFound(asSam.conversations.move(conversation.id, { inboxId: f.salesInbox.id }))).toBe(true);
    expect(await isNotFound(f.ws.conversations.move(conversation.id, { inboxId: 'inbox_missing' }))).toBe(true);
    expect(await isNotFound(f.ws.conversations.move('conv_missing', { inboxId: f.salesInbox.id }))).toBe(true);
    expect((await f.ws.conversations.get(conversation.id)).inboxId).toBe(f.inbox.id);
    expect(await f.events('conversation.moved')).toEqual([]);
    // An admin sees every inbox.
    const asAdmin = f.ws.asUser(f.users.admin.id);
    expect((await asAdmin.conversations.move(conversation.id, { inboxId: f.salesInbox.id })).inboxId).toBe(f.salesInbox.id);
    // An unknown acting user is refused.
    const stranger = f.ws.asUser('user_stranger');
    expect(ForbiddenError.isInstance(await failure(stranger.conversations.move(conversation.id, { inboxId: f.inbox.id })))).toBe(true);
    const missing = await failure(f.ws.conversations.move(conversation.id, {} as never));
    expect(ValidationError.isInstance(missing) && missing.issues.map((i) => i.path)).toEqual(['inboxId']);
  });

  it("never moves into or out of another workspace", async () => {
    const conversation = await f.send();
    const other = await f.kit.workspaces.create({ name: 'Other' });
    const ows = f.kit.workspace(other.id);
    const foreignInbox = await ows.inboxes.create({ name: 'Theirs' });
    expect(await isNotFound(f.ws.conversations.move(conversation.id, { inboxId: foreignInbox.id }))).toBe(true);
    expect(await isNotFound(ows.conversations.move(conversation.id, { inboxId: foreignInbox.id }))).toBe(true);
    expect(await f.ws.conversations.get(conversation.id)).toMatchObject({ inboxId: f.inbox.id, workspaceId: f.workspace.id });
  });
});
