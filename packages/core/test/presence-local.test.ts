// Presence, read state and followers on a store that lacks the optional parts: presence stays
// within the kit, the other two answer UNSUPPORTED, and nothing else changes.
import { createInboxKit, NotFoundError, TYPING_TTL_MS, UnsupportedError, VIEWING_TTL_MS, type PresenceChange, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { accepted, seedAcme } from './setup.js';

/** The memory store without `reads`, `followers` and `signals`, as an older third-party store would be. */
function basicStorage(): Storage {
  const { reads: _reads, followers: _followers, signal: _signal, subscribeSignals: _subscribe, ...rest } = memoryStorage();
  const transaction: Storage['transaction'] = (fn) => rest.transaction(({ reads: _r, followers: _f, ...tx }) => fn(tx));
  return { ...rest, transaction, capabilities: { subscribe: true, analytics: true, bots: true } };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function setup() {
  const clock = manualClock(Date.UTC(2026, 10, 2, 9));
  const channel = createTestChannel();
  const kit = createInboxKit({ storage: basicStorage(), clock, channels: [channel], fallbackEmailDomain: 'in.example.com' });
  await kit.start();
  stops.push(() => kit.stop());
  const acme = await seedAcme(kit);
  const pushed = accepted(await channel.push({ workspaceId: acme.acme.id, channelId: acme.supportChannel.id, from: { email: 'nora@customer.test' }, text: 'Hi' }));
  return { kit, clock, acme, id: pushed.conversation.id };
}

describe('presence without store signals', () => {
  it('works within the kit: typing lapses to viewing, viewing lapses to gone, each change heard once', async () => {
    const { clock, acme, id } = await setup();
    const heard: Array<[string, PresenceChange['state']]> = [];
    acme.ws.presence.subscribe((c) => heard.push([c.userId, c.state]));
    const kari = acme.ws.asUser(acme.kari.id);
    await kari.presence.typing(id);
    await kari.presence.typing(id);
    expect((await acme.ws.presence.get(id)).users).toEqual([{ userId: acme.kari.id, state: 'typing', expiresAt: clock.now() + TYPING_TTL_MS }]);
    await clock.advance(TYPING_TTL_MS);
    expect((await kari.presence.get(id)).users.map((u) => u.state)).toEqual(['viewing']);
    await clock.advance(VIEWING_TTL_MS - TYPING_TTL_MS);
    expect((await kari.presence.get(id)).users).toEqual([]);
    expect(heard).toEqual([[acme.kari.id, 'typing'], [acme.kari.id, 'viewing'], [acme.kari.id, 'gone']]);
  });

  it('a repeated viewing keeps the user present past the first TTL; viewing ends typing at once', async () => {
    const { clock, acme, id } = await setup();
    const ola = acme.ws.asUser(acme.ola.id);
    await ola.presence.typing(id);
    await ola.presence.viewing(id);
    expect((await ola.presence.get(id)).users.map((u) => u.state)).toEqual(['viewing']);
    await clock.advance(VIEWING_TTL_MS - 1);
    await ola.presence.viewing(id);
    await clock.advance(VIEWING_TTL_MS - 1);
    expect((await ola.presence.get(id)).users.map((u) => u.userId)).toEqual([acme.ola.id]);
  });
});

describe('presence and tenancy', () => {
  it("another workspace's subscribers hear nothing, and its users cannot signal here", async () => {
    const { kit, acme, id } = await setup();
    const other = kit.workspace((await kit.workspaces.create({ name: 'Other' })).id);
    const stranger = await other.users.create({ name: 'Stranger', email: 'stranger@other.test', role: 'admin' });
    const heard: PresenceChange[] = [];
    other.presence.subscribe((c) => heard.push(c));
    await acme.ws.asUser(acme.kari.id).presence.viewing(id);
    const error = await other.asUser(stranger.id).presence.viewing(id).then(() => null, (e: unknown) => e);
    expect(NotFoundError.isInstance(error), String(error)).toBe(true);
    expect(heard).toEqual([]);
    expect((await acme.ws.presence.get(id)).users.map((u) => u.userId)).toEqual([acme.kari.id]);
  });
});

describe('read state and followers without the store parts', () => {
  it('answer UNSUPPORTED, while comments and replies work without auto-follow', async () => {
    const { acme, id } = await setup();
    const kari = acme.ws.asUser(acme.kari.id);
    for (const call of [kari.conversations.markRead(id), kari.conversations.unreadCounts(), kari.conversations.follow(id), kari.conversations.followers(id)]) {
      const error = await call.then(() => null, (e: unknown) => e);
      expect(UnsupportedError.isInstance(error), String(error)).toBe(true);
    }
    await kari.conversations.comment(id, { authorId: acme.kari.id, text: `@[${acme.ola.id}] look` });
    const { items } = await acme.ws.events.read({ limit: 100 });
    expect(items.some((e) => e.type === 'conversation.followed')).toBe(false);
  });
});
