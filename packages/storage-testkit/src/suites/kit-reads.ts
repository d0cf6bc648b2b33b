import { ForbiddenError, NotFoundError, ValidationError } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { expectRejection as expectError } from '../helpers.js';
import { accepted, kitOn } from './kit.js';

/** A kit on the store, skipping stores without read state. */
async function world(ctx: ConformanceContext) {
  if (!ctx.storage.capabilities.reads) ctx.skip('store has no reads capability');
  return kitOn(ctx.storage);
}

// Read state through a real kit: ingest notes arrivals in its transaction, the store counts.
export const kitReadsSuite = defineSuite('kit reads', (t) => {
  t.test('a conversation is unread until read, and unread again when the customer writes after that', async (ctx) => {
    const { kit, api, agent, clock, message } = await world(ctx);
    const first = accepted(await kit.ingest(message(0)));
    const id = first.conversation.id;
    const as = api.asUser(agent.id);
    expect(await as.conversations.readState(id)).toMatchObject({ unread: true, readAt: null });
    await clock.advance(1000);
    expect(await as.conversations.markRead(id)).toEqual({ conversationId: id, unread: false, readAt: clock.now() });
    await as.conversations.markRead(id); // again: no second event
    // An agent's own reply and comments leave it read.
    await as.conversations.comment(id, { authorId: agent.id, text: 'looking' });
    expect((await as.conversations.readState(id)).unread).toBe(false);
    await clock.advance(1000);
    // Dated before the read: arrival time counts, not the date the mail claims.
    await kit.ingest(message(1, { threadRefs: ['kit-0'], from: { email: 'c0@kit.test' }, receivedAt: clock.now() - 60_000 }));
    expect((await as.conversations.readState(id)).unread).toBe(true);
    await as.conversations.markUnread(id); // unread already: nothing to flip
    await as.conversations.markRead(id);
    await as.conversations.markUnread(id);
    expect(await api.conversations.readState(id, { userId: agent.id })).toMatchObject({ unread: true, readAt: null });
    const { items } = await api.events.read({ limit: 200 });
    const flips = items.filter((e) => e.type === 'conversation.read' || e.type === 'conversation.unread').map((e) => e.type);
    expect(flips).toEqual(['conversation.read', 'conversation.read', 'conversation.unread']);
  });

  t.test('unreadCounts per view: unassigned, mine, all open, per inbox, without spam or closed ones', async (ctx) => {
    const { kit, api, agent, inbox, message } = await world(ctx);
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push(accepted(await kit.ingest(message(n))).conversation.id);
    const other = await api.inboxes.create({ name: 'Other', members: { users: [agent.id] } });
    const otherChannel = await api.channels.connect({ inboxId: other.id, type: 'test', name: 'other' });
    const inOther = accepted(await kit.ingest({ ...message(10), channelId: otherChannel.id })).conversation.id;
    await api.conversations.assign(ids[0]!, { userId: agent.id });
    await api.conversations.assign(ids[1]!, { userId: agent.id });
    await api.conversations.close(ids[4]!);
    await api.conversations.markRead(ids[1]!, { userId: agent.id });
    await api.conversations.markRead(ids[2]!, { userId: agent.id });
    const as = api.asUser(agent.id);
    expect(await as.conversations.unreadCounts()).toEqual({
      userId: agent.id,
      unassigned: 2, // ids[3], inOther
      mine: 1, // ids[0]
      open: 3,
      inboxes: { [inbox.id]: 2, [other.id]: 1 },
    });
    expect(await api.conversations.unreadCounts({ userId: agent.id, views: ['mine'] })).toEqual({ userId: agent.id, mine: 1 });
    await api.conversations.markRead(inOther, { userId: agent.id });
    expect((await as.conversations.unreadCounts({ views: ['open'] })).open).toBe(2);
  });

  t.test('an agent counts and marks only conversations of inboxes they can see', async (ctx) => {
    const { kit, api, agent, message } = await world(ctx);
    const outsider = await api.users.create({ name: 'Outsider', email: 'outsider@kit.test' });
    const hidden = await api.inboxes.create({ name: 'Hidden', members: { users: [outsider.id] } });
    const hiddenChannel = await api.channels.connect({ inboxId: hidden.id, type: 'test', name: 'hidden' });
    accepted(await kit.ingest(message(0)));
    const secret = accepted(await kit.ingest({ ...message(1), channelId: hiddenChannel.id })).conversation.id;
    const as = api.asUser(agent.id);
    expect(await as.conversations.unreadCounts({ views: ['open', 'inboxes'] })).toMatchObject({ open: 1, inboxes: expect.not.objectContaining({ [hidden.id]: expect.anything() }) });
    const visibleId = (await as.conversations.list()).items[0]!.id;
    expect((await as.conversations.readStates([secret, visibleId, 'conv_missing'])).map((r) => r.conversationId)).toEqual([visibleId]);
    expect((await api.conversations.readStates([secret, visibleId], { userId: outsider.id })).map((r) => r.conversationId)).toEqual([secret]);
    await expectError(as.conversations.markRead(secret), NotFoundError.isInstance, 'marking a hidden conversation');
    await expectError(as.conversations.readState(secret), NotFoundError.isInstance, 'reading a hidden state');
    // The host acts for a user, never beyond what that user may see.
    await expectError(api.conversations.markRead(secret, { userId: agent.id }), NotFoundError.isInstance, 'host marking for a user who cannot see it');
    await expectError(as.conversations.markRead(secret, { userId: outsider.id }), ForbiddenError.isInstance, 'marking for someone else');
    await expectError(api.conversations.markRead(secret), ValidationError.isInstance, 'host without userId');
    await expectError(api.conversations.unreadCounts({ userId: 'user_nobody' }), ValidationError.isInstance, 'unknown user');
    expect((await api.conversations.markRead(secret, { userId: outsider.id })).unread).toBe(false);
  });

  t.test('read state never crosses workspaces', async (ctx) => {
    const { kit, api, agent, message } = await world(ctx);
    const id = accepted(await kit.ingest(message(0))).conversation.id;
    const other = await kit.workspaces.create({ name: 'Other' });
    const otherApi = kit.workspace(other.id);
    const stranger = await otherApi.users.create({ name: 'Stranger', email: 'stranger@kit.test', role: 'admin' });
    await expectError(otherApi.conversations.markRead(id, { userId: stranger.id }), NotFoundError.isInstance, 'marking from another workspace');
    await expectError(otherApi.conversations.markRead(id, { userId: agent.id }), ValidationError.isInstance, 'a user of another workspace');
    expect(await otherApi.asUser(stranger.id).conversations.unreadCounts({ views: ['open'] })).toEqual({ userId: stranger.id, open: 0 });
    expect((await api.asUser(agent.id).conversations.unreadCounts({ views: ['open'] })).open).toBe(1);
  });
});
