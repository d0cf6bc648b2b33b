import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routingFixture, type RoutingFixture } from './routing-setup.js';

// The queue drains by itself: the kit reacts to committed changes in the background, so each
// test waits for `kit.idle()` before looking.
describe('the routing queue', () => {
  let f: RoutingFixture;
  beforeEach(async () => {
    f = await routingFixture();
  });
  afterEach(() => f.stop());

  const onlyAvailable = (users: string[], extra: Record<string, unknown> = {}) =>
    f.ws.routing.set(f.emailChannel.id, { targets: { users }, strategy: 'round-robin', onlyAvailable: true, ...extra });
  const current = async (id: string) => (await f.ws.conversations.get(id)).assigneeId;

  it('assigns waiting conversations, oldest first, when a member becomes available', async () => {
    const { anna, bo } = f.users;
    await f.ws.users.setAvailability(anna.id, 'away');
    await f.ws.users.setAvailability(bo.id, 'away');
    await onlyAvailable([anna.id, bo.id]);
    const waiting = [];
    for (let i = 0; i < 3; i++) {
      waiting.push(await f.send());
      await f.clock.advance(60_000);
    }
    await f.kit.idle();
    expect(await Promise.all(waiting.map((c) => current(c.id)))).toEqual([null, null, null]);

    await f.ws.users.setAvailability(bo.id, 'available');
    await f.kit.idle();
    expect(await Promise.all(waiting.map((c) => current(c.id)))).toEqual([bo.id, bo.id, bo.id]);
    const queued = (await f.events('conversation.assigned')).filter((e) => e.data.reason === 'queue:round-robin');
    expect(queued.map((e) => e.data.conversationId)).toEqual(waiting.map((c) => c.id));
  });

  it('respects capacity while draining and continues when capacity frees up', async () => {
    const { anna } = f.users;
    await f.ws.users.update(anna.id, { capacity: { default: 2 } });
    await f.ws.users.setAvailability(anna.id, 'away');
    await onlyAvailable([anna.id]);
    const waiting = [await f.send(), await f.send(), await f.send()];
    await f.ws.users.setAvailability(anna.id, 'available');
    await f.kit.idle();
    expect(await Promise.all(waiting.map((c) => current(c.id)))).toEqual([anna.id, anna.id, null]);

    await f.ws.conversations.close(waiting[0]!.id, { by: anna.id });
    await f.kit.idle();
    expect(await current(waiting[2]!.id)).toBe(anna.id);
  });

  it('wakes up when a working-hours interval starts, in the member’s time zone', async () => {
    const { anna } = f.users;
    // 09:00 UTC is 18:00 in Tokyo; Anna's Tuesday starts at 09:00 Tokyo = Tuesday 00:00 UTC.
    await f.ws.users.update(anna.id, { workingHours: { timeZone: 'Asia/Tokyo', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })) } });
    await onlyAvailable([anna.id]);
    const conversation = await f.send();
    await f.kit.idle();
    expect((await f.events('routing.unassigned'))[0]!.data).toMatchObject({
      skipped: [{ userId: anna.id, reason: 'outside-working-hours', availableAt: Date.UTC(2026, 0, 6, 0, 0) }],
    });
    await f.clock.set(Date.UTC(2026, 0, 5, 23, 59));
    await f.kit.idle();
    expect(await current(conversation.id)).toBeNull();
    await f.clock.set(Date.UTC(2026, 0, 6, 0, 0));
    await f.kit.idle();
    expect(await current(conversation.id)).toBe(anna.id);
  });

  it('returns chats of a member who goes away to the queue, for rules that ask for it', async () => {
    const { anna, bo } = f.users;
    await f.ws.routing.set(f.chatChannel.id, { targets: { users: [anna.id, bo.id] }, strategy: 'round-robin', onlyAvailable: true, requeueChatsOnAway: true });
    await f.kit.idle();
    const chat = await f.send({ channelId: f.chatChannel.id });
    expect(chat.assigneeId).toBe(anna.id);
    await f.ws.users.setAvailability(anna.id, 'away');
    await f.kit.idle();
    expect(await current(chat.id)).toBe(bo.id);
    const reasons = (await f.events('conversation.assigned')).map((e) => e.data.reason);
    expect(reasons).toEqual(['new:round-robin', 'requeue:away', 'queue:round-robin']);
  });

  it('keeps a member’s chats when the rule does not ask for requeueing', async () => {
    const { anna, bo } = f.users;
    await f.ws.routing.set(f.chatChannel.id, { targets: { users: [anna.id, bo.id] }, strategy: 'round-robin', onlyAvailable: true });
    const chat = await f.send({ channelId: f.chatChannel.id });
    await f.ws.users.setAvailability(anna.id, 'away');
    await f.kit.idle();
    expect(await current(chat.id)).toBe(anna.id);
  });

  it('never drains a manual rule, nor conversations from before the rule existed', async () => {
    const backlog = await f.send();
    await f.clock.advance(1000);
    await f.ws.routing.set(f.emailChannel.id, { targets: { teams: [f.teams.support.id] }, strategy: 'manual' });
    const picked = await f.send();
    await f.ws.routing.set(f.emailChannel.id, { targets: { teams: [f.teams.support.id] }, strategy: 'round-robin' });
    await f.kit.idle();
    // Switching to round-robin drains what the manual rule left waiting, but not the older backlog.
    expect(await current(picked.id)).toBe(f.users.anna.id);
    expect(await current(backlog.id)).toBeNull();
  });

  it('can be drained on demand (after a restart), by an admin', async () => {
    const { anna } = f.users;
    await f.ws.users.setAvailability(anna.id, 'away');
    await onlyAvailable([anna.id]);
    const conversation = await f.send();
    // Simulate a host that changed availability behind the kit's back (e.g. another process).
    await f.storage.records.put('user', { ...(await f.ws.users.get(anna.id)), availability: 'available' });
    expect(await f.ws.routing.drain({ channelId: f.emailChannel.id })).toEqual({ assigned: 1 });
    expect(await current(conversation.id)).toBe(anna.id);
    await expect(f.ws.asUser(anna.id).routing.drain()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
