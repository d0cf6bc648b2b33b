import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '@inboxkit/core';
import { recordingNotifier, routingFixture, type RoutingFixture } from './routing-setup.js';

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

describe('conversations.markSpam / notSpam', () => {
  let f: RoutingFixture;
  let notes: ReturnType<typeof recordingNotifier>;
  beforeEach(async () => {
    notes = recordingNotifier();
    f = await routingFixture({ notifier: notes.notifier });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id, f.users.bo.id] }, strategy: 'round-robin' });
  });
  afterEach(() => f.stop());

  it('hides an assigned conversation from the views but keeps its assignee; notSpam puts it back as it was', async () => {
    const conversation = await f.send();
    expect(conversation.assigneeId).toBe(f.users.anna.id);
    const asBo = f.ws.asUser(f.users.bo.id);
    const now = f.clock.now();

    const spam = await asBo.conversations.markSpam(conversation.id);
    expect(spam).toMatchObject({ spam: true, spamAt: now, assigneeId: f.users.anna.id, status: 'open' });
    expect(await f.ws.conversations.get(conversation.id)).toEqual(spam);
    expect((await f.ws.conversations.list()).items).toEqual([]);
    expect((await f.ws.conversations.list({ assignee: f.users.anna.id })).items).toEqual([]);
    expect((await f.ws.conversations.list({ spam: true })).items.map((c) => c.id)).toEqual([conversation.id]);
    expect((await f.events('conversation.spam.marked')).map((e) => e.data)).toEqual([
      { conversationId: conversation.id, inboxId: f.inbox.id, by: { type: 'user', id: f.users.bo.id } },
    ]);

    // Idempotent: no second event, and retention still counts from the first mark.
    await f.clock.advance(60_000);
    expect(await f.ws.conversations.markSpam(conversation.id)).toEqual(spam);
    expect(await f.events('conversation.spam.marked')).toHaveLength(1);

    const back = await asBo.conversations.notSpam(conversation.id);
    expect(back).toMatchObject({ spam: false, spamAt: null, assigneeId: f.users.anna.id });
    expect((await f.ws.conversations.list({ assignee: f.users.anna.id })).items.map((c) => c.id)).toEqual([conversation.id]);
    expect((await f.events('conversation.released')).map((e) => e.data)).toEqual([
      { conversationId: conversation.id, inboxId: f.inbox.id, by: { type: 'user', id: f.users.bo.id } },
    ]);
    // Still Anna's: not routed again (one assignment in the log, the first).
    expect(await f.events('conversation.assigned')).toHaveLength(1);
    expect(await f.ws.conversations.notSpam(conversation.id)).toEqual(back);
    expect(await f.events('conversation.released')).toHaveLength(1);
  });

  it('an unassigned conversation marked spam is routed when it comes back; filters.release is the same path', async () => {
    const conversation = await f.send();
    await f.ws.conversations.assign(conversation.id, { userId: null });
    await f.ws.conversations.markSpam(conversation.id);
    const released = await f.ws.filters.release(conversation.id, { by: f.users.dee.id });
    expect(released).toMatchObject({ spam: false, spamAt: null, assigneeId: f.users.bo.id });
    const assigned = await f.events('conversation.assigned');
    expect(assigned.at(-1)!.data).toMatchObject({ assigneeId: f.users.bo.id, reason: 'release:round-robin' });
    expect((await f.events('conversation.released'))[0]!.data.by).toEqual({ type: 'user', id: f.users.dee.id });
  });

  it('spam is silent: a new message in it notifies nobody, and it does not count towards capacity', async () => {
    await f.ws.notifications.setPreferences(f.users.anna.id, { events: { 'message.received': true } });
    const conversation = await f.send();
    await f.kit.idle();
    const before = notes.received.length;
    await f.ws.conversations.markSpam(conversation.id);
    const again = await f.kit.ingest({
      workspaceId: f.workspace.id, channelId: f.emailChannel.id, externalId: 'again@customer.test',
      threadRefs: ['msg-1@customer.test'], from: { email: 'customer1@customer.test' }, text: 'Buy now',
    });
    await f.kit.idle();
    expect(again.conversation?.id).toBe(conversation.id);
    expect(notes.received.slice(before)).toEqual([]);
    expect(await f.storage.conversations.count(f.workspace.id, { assigneeId: f.users.anna.id, spam: false })).toBe(0);
  });

  it('marking spam frees its assignee capacity: the waiting queue drains to them', async () => {
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin', capacity: 1 });
    const first = await f.send();
    const waiting = await f.send();
    expect([first.assigneeId, waiting.assigneeId]).toEqual([f.users.anna.id, null]);
    await f.ws.conversations.markSpam(first.id);
    await f.kit.idle();
    expect((await f.ws.conversations.get(waiting.id)).assigneeId).toBe(f.users.anna.id);
  });

  it('is permission-scoped and checks its input', async () => {
    const conversation = await f.send();
    const asSam = f.ws.asUser(f.users.sam.id);
    // Sam is not in the Support inbox: the conversation does not exist for him.
    expect(NotFoundError.isInstance(await failure(asSam.conversations.markSpam(conversation.id)))).toBe(true);
    await f.ws.conversations.markSpam(conversation.id);
    expect(NotFoundError.isInstance(await failure(asSam.conversations.notSpam(conversation.id)))).toBe(true);
    expect((await f.ws.conversations.get(conversation.id)).spam).toBe(true);
    expect(NotFoundError.isInstance(await failure(f.ws.conversations.markSpam('conv_missing')))).toBe(true);
    const badBy = await failure(f.ws.conversations.notSpam(conversation.id, { by: 'user_nobody' }));
    expect(ValidationError.isInstance(badBy) && badBy.issues.map((i) => i.path)).toEqual(['by']);
    const extra = await failure(f.ws.conversations.markSpam(conversation.id, { by: null, reason: 'x' } as never));
    expect(ValidationError.isInstance(extra)).toBe(true);
  });

  it("never reaches another workspace's conversation", async () => {
    const conversation = await f.send();
    const other = await f.kit.workspaces.create({ name: 'Other' });
    const ws = f.kit.workspace(other.id);
    expect(NotFoundError.isInstance(await failure(ws.conversations.markSpam(conversation.id)))).toBe(true);
    await f.ws.conversations.markSpam(conversation.id);
    expect(NotFoundError.isInstance(await failure(ws.conversations.notSpam(conversation.id)))).toBe(true);
    expect((await f.ws.conversations.get(conversation.id)).spam).toBe(true);
  });
});
