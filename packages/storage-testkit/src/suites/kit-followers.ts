import { ForbiddenError, NotFoundError, ValidationError, type Notification } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { expectRejection as expectError } from '../helpers.js';
import { accepted, kitOn } from './kit.js';

/** A kit with a recording notifier, a second agent and an admin; skips stores without followers. */
async function world(ctx: ConformanceContext) {
  if (!ctx.storage.capabilities.followers) ctx.skip('store has no followers capability');
  const sent: Notification[] = [];
  const base = await kitOn(ctx.storage, { notifier: { notify: async (n) => void sent.push(n) } });
  const { api, inbox } = base;
  const mate = await api.users.create({ name: 'Mate', email: 'mate@kit.test' });
  const admin = await api.users.create({ name: 'Admin', email: 'admin@kit.test', role: 'admin' });
  await api.inboxes.update(inbox.id, { members: { users: [base.agent.id, mate.id] } });
  const id = accepted(await base.kit.ingest(base.message(0))).conversation.id;
  const followUp = (n: number) => base.kit.ingest(base.message(n, { threadRefs: ['kit-0'], from: { email: 'c0@kit.test' } }));
  /** Notifications sent since the last call, as `[userId, type]`. */
  const drain = async () => {
    await base.kit.idle();
    return sent.splice(0).filter((n) => n.conversationId === id).map((n) => [n.userId, n.type]);
  };
  return { ...base, mate, admin, id, followUp, drain };
}

export const kitFollowersSuite = defineSuite('kit followers', (t) => {
  t.test('follow and unfollow are idempotent and recorded once each', async (ctx) => {
    const { api, agent, mate, admin, id } = await world(ctx);
    expect(await api.asUser(agent.id).conversations.follow(id)).toEqual([agent.id]);
    expect(await api.asUser(agent.id).conversations.follow(id)).toEqual([agent.id]);
    expect(await api.asUser(admin.id).conversations.follow(id, { userId: mate.id })).toEqual([agent.id, mate.id].sort());
    expect(await api.conversations.unfollow(id, { userId: agent.id })).toEqual([mate.id]);
    expect(await api.conversations.unfollow(id, { userId: agent.id })).toEqual([mate.id]);
    expect(await api.conversations.followers(id)).toEqual([mate.id]);
    const { items } = await api.events.read({ limit: 200 });
    const follows = items.filter((e) => e.type === 'conversation.followed' || e.type === 'conversation.unfollowed');
    expect(follows.map((e) => [e.type, (e.data as { userId: string }).userId])).toEqual([
      ['conversation.followed', agent.id],
      ['conversation.followed', mate.id],
      ['conversation.unfollowed', agent.id],
    ]);
    expect(follows[1]!.data).toMatchObject({ reason: 'manual', by: { type: 'user', id: admin.id } });
  });

  t.test('agents follow for themselves only, and only users who can see the inbox can follow', async (ctx) => {
    const { kit, api, agent, mate, id } = await world(ctx);
    const outsider = await api.users.create({ name: 'Outsider', email: 'outsider@kit.test' });
    await expectError(api.asUser(agent.id).conversations.follow(id, { userId: mate.id }), ForbiddenError.isInstance, 'agent adding someone else');
    await expectError(api.asUser(outsider.id).conversations.follow(id), NotFoundError.isInstance, 'outsider following');
    await expectError(api.asUser(outsider.id).conversations.followers(id), NotFoundError.isInstance, 'outsider listing followers');
    await expectError(api.conversations.follow(id, { userId: outsider.id }), ValidationError.isInstance, 'host adding an outsider');
    await expectError(api.conversations.follow(id), ValidationError.isInstance, 'host without userId');
    const other = kit.workspace((await kit.workspaces.create({ name: 'Other' })).id);
    const stranger = await other.users.create({ name: 'Stranger', email: 'stranger@kit.test', role: 'admin' });
    await expectError(other.conversations.follow(id, { userId: stranger.id }), NotFoundError.isInstance, 'another workspace');
    expect(await api.conversations.followers(id)).toEqual([]);
  });

  t.test('commenting, replying and being mentioned follow automatically; assignment does not', async (ctx) => {
    const { api, agent, mate, admin, id } = await world(ctx);
    await api.conversations.assign(id, { userId: agent.id });
    expect(await api.conversations.followers(id)).toEqual([]);
    await api.asUser(admin.id).conversations.comment(id, { authorId: admin.id, text: `@[${mate.id}] can you look?` });
    expect(await api.conversations.followers(id)).toEqual([admin.id, mate.id].sort());
    await api.asUser(agent.id).conversations.reply(id, { authorId: agent.id, text: 'On it' });
    expect(await api.conversations.followers(id)).toEqual([admin.id, agent.id, mate.id].sort());
    const { items } = await api.events.read({ limit: 200 });
    const reasons = items.filter((e) => e.type === 'conversation.followed').map((e) => (e.data as { reason: string }).reason);
    expect(reasons).toEqual(['commented', 'mentioned', 'replied']);
  });

  t.test('followers are notified of messages, comments and status changes while they can see the inbox', async (ctx) => {
    const { api, agent, mate, inbox, id, followUp, drain } = await world(ctx);
    await api.asUser(mate.id).conversations.follow(id);
    await drain();
    await followUp(1);
    expect(await drain()).toEqual([[mate.id, 'message.received']]);
    await api.asUser(agent.id).conversations.comment(id, { authorId: agent.id, text: 'internal note' });
    expect(await drain()).toEqual([[mate.id, 'comment.created']]);
    await api.asUser(agent.id).conversations.close(id);
    // The agent follows now too (they commented), but caused the change.
    expect(await drain()).toEqual([[mate.id, 'conversation.status.changed']]);
    await api.inboxes.update(inbox.id, { members: { users: [agent.id] } });
    await followUp(2); // reopens it: told as the message, to the remaining follower only
    expect(await drain()).toEqual([[agent.id, 'message.received']]);
    expect(await api.conversations.followers(id)).toContain(mate.id);
  });
});
