import { createInboxKit, ForbiddenError, NotFoundError, TYPING_TTL_MS, VIEWING_TTL_MS, type PresenceChange } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { rejection, waitFor } from '../helpers.js';
import { accepted, kitOn } from './kit.js';

/**
 * Two kits on the one store under test, as two processes would be, sharing a manual clock;
 * both started (presence listens from `start()`). Skips stores without signals.
 */
async function twoKits(ctx: ConformanceContext) {
  if (!ctx.storage.capabilities.signals) ctx.skip('store has no signals capability');
  const a = await kitOn(ctx.storage);
  const kitB = createInboxKit({ storage: ctx.storage, channels: [createTestChannel()], clock: a.clock, fallbackEmailDomain: 'in.conformance.test' });
  await a.kit.start();
  await kitB.start();
  const b = kitB.workspace(a.api.id);
  const id = accepted(await a.kit.ingest(a.message(0))).conversation.id;
  const mate = await a.api.users.create({ name: 'Mate', email: 'mate@kit.test' });
  await a.api.inboxes.update(a.inbox.id, { members: { users: [a.agent.id, mate.id] } });
  const stop = async () => {
    await a.kit.stop();
    await kitB.stop();
  };
  return { ...a, kitB, b, id, mate, stop };
}

/** Polls an async `check` until it holds (signals from other processes arrive later), failing after 10 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Who is present, as `[userId, state]`. */
const present = async (api: { presence: { get(id: string): Promise<{ users: Array<{ userId: string; state: string }> }> } }, id: string) =>
  (await api.presence.get(id)).users.map((u) => [u.userId, u.state]);

export const kitPresenceSuite = defineSuite('kit presence', (t) => {
  t.test('kit B sees who views in kit A within the TTL, and they are gone after it', async (ctx) => {
    const w = await twoKits(ctx);
    try {
      await w.api.asUser(w.agent.id).presence.viewing(w.id);
      await until(async () => (await present(w.b, w.id)).length > 0, 'kit B to see the viewer');
      expect(await present(w.b, w.id)).toEqual([[w.agent.id, 'viewing']]);
      await w.clock.advance(VIEWING_TTL_MS - 1);
      expect(await present(w.b, w.id)).toEqual([[w.agent.id, 'viewing']]);
      await w.clock.advance(1);
      expect(await present(w.b, w.id)).toEqual([]);
      expect(await present(w.api, w.id)).toEqual([]);
    } finally {
      await w.stop();
    }
  });

  t.test('subscribers in the other kit hear typing start, lapse to viewing, and leave; repeats are quiet', async (ctx) => {
    const w = await twoKits(ctx);
    try {
      const heard: Array<[string, PresenceChange['state']]> = [];
      const unsubscribe = w.b.presence.subscribe((c) => heard.push([c.userId, c.state]));
      const as = w.api.asUser(w.mate.id);
      await as.presence.typing(w.id);
      await as.presence.typing(w.id);
      await waitFor(() => heard.length >= 1, 'the typing change');
      await w.clock.advance(TYPING_TTL_MS);
      expect(heard).toEqual([[w.mate.id, 'typing'], [w.mate.id, 'viewing']]);
      await as.presence.leave(w.id);
      await waitFor(() => heard.length >= 3, 'the leave');
      expect(heard[2]).toEqual([w.mate.id, 'gone']);
      unsubscribe();
      await as.presence.viewing(w.id);
      await until(async () => (await present(w.b, w.id)).length === 1, 'the viewer');
      expect(heard).toHaveLength(3);
    } finally {
      await w.stop();
    }
  });

  t.test('agents see presence only in conversations they can see; users signal for themselves; nothing is logged', async (ctx) => {
    const w = await twoKits(ctx);
    try {
      const outsider = await w.api.users.create({ name: 'Outsider', email: 'outsider@kit.test' });
      const own = await w.api.inboxes.create({ name: 'Own', members: { users: [outsider.id] } });
      const ownChannel = await w.api.channels.connect({ inboxId: own.id, type: 'test', name: 'own' });
      const ownId = accepted(await w.kit.ingest({ ...w.message(1), channelId: ownChannel.id })).conversation.id;
      const heard: PresenceChange[] = [];
      w.b.asUser(outsider.id).presence.subscribe((c) => heard.push(c));
      const before = (await w.api.events.read({ limit: 500 })).items.length;
      const error = await rejection(w.b.asUser(outsider.id).presence.get(w.id));
      expect(NotFoundError.isInstance(error), String(error)).toBe(true);
      const viewing = await rejection(w.api.asUser(outsider.id).presence.viewing(w.id));
      expect(NotFoundError.isInstance(viewing), String(viewing)).toBe(true);
      const forged = await rejection(w.api.asUser(w.agent.id).presence.viewing(w.id, { userId: w.mate.id }));
      expect(ForbiddenError.isInstance(forged), String(forged)).toBe(true);
      await w.api.presence.viewing(w.id, { userId: w.mate.id });
      const other = w.kitB.workspace((await w.kitB.workspaces.create({ name: 'Other' })).id);
      const notHere = await rejection(other.presence.get(w.id));
      expect(NotFoundError.isInstance(notHere), String(notHere)).toBe(true);
      await until(async () => (await present(w.b, w.id)).length > 0, 'kit B to see the viewer');
      expect(await present(w.b, w.id)).toEqual([[w.mate.id, 'viewing']]);
      // A change the outsider may hear, sent after: once it arrives, the hidden one was filtered.
      await w.api.asUser(outsider.id).presence.viewing(ownId);
      await waitFor(() => heard.length > 0, 'the outsider hearing of their own inbox');
      expect(heard.map((c) => c.conversationId)).toEqual([ownId]);
      expect((await w.api.events.read({ limit: 500 })).items).toHaveLength(before);
    } finally {
      await w.stop();
    }
  });
});
