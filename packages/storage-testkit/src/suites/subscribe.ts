import type { InboxEvent, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { fixtures } from '../fixtures.js';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { waitFor } from '../helpers.js';

/** Subscribes a recording listener; skips the test when the store lacks the capability. */
async function record(ctx: ConformanceContext): Promise<{ received: InboxEvent[]; stop: () => Promise<void> }> {
  const { storage } = ctx;
  if (!storage.capabilities.subscribe || !storage.subscribe) ctx.skip('store has no subscribe capability');
  const received: InboxEvent[] = [];
  const stop = await storage.subscribe!((event) => received.push(event));
  return { received, stop };
}

async function workspace(storage: Storage): Promise<string> {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  return ws.id;
}

const ofWorkspace = (events: InboxEvent[], ws: string) => events.filter((e) => e.workspaceId === ws);

export const subscribeSuite = defineSuite('subscribe', (t) => {
  t.test('delivers committed events, appended directly or in transactions, in seq order', async (ctx) => {
    const { storage } = ctx;
    const ws = await workspace(storage);
    const { received, stop } = await record(ctx);
    try {
      const appended = [
        ...(await storage.events.append(ws, [fixtures.event(ws), fixtures.event(ws)])),
        ...(await storage.transaction((tx) => tx.events.append(ws, [fixtures.event(ws), fixtures.event(ws)]))),
        ...(await storage.events.append(ws, [fixtures.event(ws)])),
      ];
      await waitFor(() => ofWorkspace(received, ws).length >= appended.length, `${appended.length} events`);
      expect(ofWorkspace(received, ws)).toEqual(appended);
    } finally {
      await stop();
    }
  });

  t.test('never delivers events of a rolled-back transaction', async (ctx) => {
    const { storage } = ctx;
    const ws = await workspace(storage);
    const { received, stop } = await record(ctx);
    try {
      const failure = new Error('rollback');
      await expect(
        storage.transaction(async (tx) => {
          await tx.events.append(ws, [fixtures.event(ws), fixtures.event(ws)]);
          throw failure;
        }),
      ).rejects.toBe(failure);
      // Delivery is in order: once a later event arrives, an earlier one would have too.
      const [marker] = await storage.events.append(ws, [fixtures.event(ws)]);
      await waitFor(() => received.some((e) => e.id === marker!.id), 'the marker event');
      expect(ofWorkspace(received, ws)).toEqual([marker]);
    } finally {
      await stop();
    }
  });

  t.test('delivers each workspace’s events in seq order without gaps', async (ctx) => {
    const { storage } = ctx;
    const [a, b] = [await workspace(storage), await workspace(storage)];
    const { received, stop } = await record(ctx);
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const ws = i % 2 === 0 ? a : b;
          return storage.transaction((tx) => tx.events.append(ws, [fixtures.event(ws)]));
        }),
      );
      await waitFor(() => received.length >= 10, '10 events');
      for (const ws of [a, b]) expect(ofWorkspace(received, ws)).toEqual(await storage.events.read(ws, { limit: 100 }));
    } finally {
      await stop();
    }
  });

  t.test('unsubscribing stops delivery to that listener only', async (ctx) => {
    const { storage } = ctx;
    const ws = await workspace(storage);
    const first = await record(ctx);
    const second = await record(ctx);
    try {
      await first.stop();
      const [event] = await storage.events.append(ws, [fixtures.event(ws)]);
      await waitFor(() => second.received.some((e) => e.id === event!.id), 'the event on the remaining listener');
      expect(first.received).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
