import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NOTIFICATION_DEFAULTS, ValidationError, type Notification } from '@inboxkit/core';
import { recordingNotifier, routingFixture, type RoutingFixture } from './routing-setup.js';

describe('notifications', () => {
  let f: RoutingFixture;
  let notes: ReturnType<typeof recordingNotifier>;
  afterEach(() => f.stop());

  async function setup(behaviour?: (n: Notification) => Promise<void>) {
    notes = recordingNotifier(behaviour);
    f = await routingFixture({ notifier: notes.notifier });
  }
  /** What was delivered since the last call, as `[user name, type]` pairs. */
  async function delivered(): Promise<Array<[string, string]>> {
    await f.kit.idle();
    const names = new Map(Object.values(f.users).map((u) => [u.id, u.name]));
    return notes.received.splice(0).map((n) => [names.get(n.userId)!, n.type]);
  }

  it('sends each kind of notification to whoever it concerns, per their preferences', async () => {
    await setup();
    const { anna, bo, cy } = f.users;
    await f.ws.notifications.setPreferences(bo.id, { events: { 'conversation.created': true } });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id] }, strategy: 'round-robin' });

    const from = { email: 'nora@customer.test' };
    const conversation = await f.send({ from, subject: 'Login broken' });
    expect(await delivered()).toEqual([['Bo', 'conversation.created'], ['Anna', 'conversation.assigned']]);

    await f.send({ from, conversationId: conversation.id });
    expect(await delivered()).toEqual([['Anna', 'message.received']]);

    await f.ws.conversations.comment(conversation.id, { authorId: anna.id, text: `@[${cy.id}] @[${anna.id}] have a look` });
    expect(await delivered()).toEqual([['Cy', 'comment.mention']]);

    await f.ws.asUser(bo.id).conversations.assign(conversation.id, { userId: cy.id });
    expect(await delivered()).toEqual([['Cy', 'conversation.assigned']]);
  });

  it('carries ids and a short summary', async () => {
    await setup();
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' });
    const conversation = await f.send({ subject: 'Login broken' });
    await f.kit.idle();
    expect(notes.received).toEqual([
      { workspaceId: f.workspace.id, userId: f.users.anna.id, type: 'conversation.assigned', conversationId: conversation.id, summary: 'Assigned to you in Support: Login broken' },
    ]);
  });

  it('respects opt-outs, user-wide and per inbox', async () => {
    await setup();
    const { anna, bo } = f.users;
    await f.ws.notifications.setPreferences(anna.id, { events: { 'conversation.assigned': false } });
    await f.ws.notifications.setPreferences(bo.id, { inboxes: { [f.inbox.id]: { 'conversation.assigned': false } } });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id, bo.id] }, strategy: 'round-robin' });
    await f.send();
    await f.send();
    expect(await delivered()).toEqual([]);
  });

  it('never notifies the actor of their own action', async () => {
    await setup();
    const { anna } = f.users;
    const conversation = await f.send();
    await f.ws.asUser(anna.id).conversations.assign(conversation.id, { userId: anna.id });
    await f.ws.conversations.comment(conversation.id, { authorId: anna.id, text: `note to self @[${anna.id}]` });
    expect(await delivered()).toEqual([]);
  });

  it('notifies only users of the workspace where it happened', async () => {
    await setup();
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' });
    const other = f.kit.workspace((await f.kit.workspaces.create({ name: 'Other' })).id);
    const stranger = await other.users.create({ name: 'Stranger', email: 'anna@acme.test' });
    await other.notifications.setPreferences(stranger.id, { events: { 'conversation.created': true } });
    await f.send();
    await f.kit.idle();
    expect(notes.received.map((n) => [n.workspaceId, n.userId])).toEqual([[f.workspace.id, f.users.anna.id]]);
  });

  it('a failing notifier never breaks ingest; it is retried on the clock, then given up', async () => {
    let attempts = 0;
    await setup(async () => {
      attempts++;
      throw new Error('push service down');
    });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' });
    const conversation = await f.send();
    expect(conversation.assigneeId).toBe(f.users.anna.id);
    await f.kit.idle();
    expect(attempts).toBe(1);
    await f.clock.advance(5_000);
    await f.kit.idle();
    expect(attempts).toBe(2);
    await f.clock.advance(60_000);
    await f.kit.idle();
    await f.clock.advance(60 * 60_000);
    expect(attempts).toBe(3);
  });

  it('a notifier that never answers does not delay ingest', async () => {
    const pending: Array<() => void> = [];
    let allCalled!: () => void;
    const called = new Promise<void>((resolve) => (allCalled = resolve));
    await setup(
      () =>
        new Promise<void>((resolve) => {
          pending.push(resolve);
          if (pending.length === 3) allCalled();
        }),
    );
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' });
    for (let i = 0; i < 3; i++) await f.send();
    await called;
    // Every ingest returned although not one notification has been answered.
    expect((await f.ws.conversations.list()).items).toHaveLength(3);
    for (const resolve of pending) resolve();
    await f.kit.idle();
  });

  it('reads and sets preferences: defaults, validation, permissions', async () => {
    await setup();
    const { anna, bo } = f.users;
    expect(await f.ws.notifications.getPreferences(anna.id)).toEqual({ userId: anna.id, events: NOTIFICATION_DEFAULTS, inboxes: {} });
    const asAnna = f.ws.asUser(anna.id);
    const set = await asAnna.notifications.setPreferences(anna.id, { events: { 'comment.mention': false }, inboxes: { [f.inbox.id]: { 'conversation.created': true } } });
    expect(set).toEqual({ userId: anna.id, events: { ...NOTIFICATION_DEFAULTS, 'comment.mention': false }, inboxes: { [f.inbox.id]: { 'conversation.created': true } } });
    expect(await f.ws.notifications.getPreferences(anna.id)).toEqual(set);
    expect(ForbiddenError.isInstance(await asAnna.notifications.getPreferences(bo.id).catch((e: unknown) => e))).toBe(true);
    const bad = await f.ws.notifications.setPreferences(anna.id, { inboxes: { inbox_nope: { 'conversation.created': true } } }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(bad)).toBe(true);
    const unknownType = await f.ws.notifications.setPreferences(anna.id, { events: { 'everything': true } as never }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(unknownType)).toBe(true);
  });
});
