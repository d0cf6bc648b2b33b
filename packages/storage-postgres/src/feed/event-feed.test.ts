import type { InboxEvent, NewEvent } from '@inboxkit/core';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/targets.js';
import type { PostgresStorage } from '../index.js';

let n = 0;
const event = (workspaceId: string): NewEvent => ({
  id: `ev_${String(++n).padStart(6, '0')}`,
  type: 'workspace.created',
  workspaceId,
  at: 1,
  data: { name: `event ${n}` },
});

/** Polls until `check` holds; the timeout is only a failure bound, never an assertion. */
async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !check(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function newWorkspace(storage: PostgresStorage, name: string): Promise<string> {
  const id = `ws_${name}_${++n}`;
  await storage.workspaces.insert({ id, name, createdAt: 0, updatedAt: 0 });
  return id;
}

const seqs = (events: InboxEvent[], ws: string) => events.filter((e) => e.workspaceId === ws).map((e) => e.seq);

describeOnBothDatabases('subscribe', (stores, kind) => {
  it('delivers events committed after subscribing, per workspace in seq order, without history', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const a = await newWorkspace(storage, 'a');
      const b = await newWorkspace(storage, 'b');
      await storage.events.append(a, [event(a), event(a)]); // history: not replayed
      const got: InboxEvent[] = [];
      const unsubscribe = await storage.subscribe((e) => got.push(e));
      await storage.events.append(a, [event(a)]);
      await storage.events.append(b, [event(b), event(b)]);
      await storage.transaction((tx) => tx.events.append(a, [event(a), event(a)]));
      await waitFor(() => got.length === 5, '5 events');
      expect(seqs(got, a)).toEqual([3, 4, 5]);
      expect(seqs(got, b)).toEqual([1, 2]);
      expect(got.find((e) => e.seq === 3 && e.workspaceId === a)).toEqual((await storage.events.read(a, { after: 2, limit: 1 }))[0]);
      await unsubscribe();
    } finally {
      await cleanup();
    }
  });

  it('never delivers the events of a rolled-back transaction', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = await newWorkspace(storage, 'rb');
      const got: InboxEvent[] = [];
      const unsubscribe = await storage.subscribe((e) => got.push(e));
      const doomed = event(ws);
      await storage
        .transaction(async (tx) => {
          await tx.events.append(ws, [doomed]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      const kept = event(ws);
      await storage.events.append(ws, [kept]);
      await waitFor(() => got.length >= 1, 'the committed event');
      expect(got.map((e) => [e.id, e.seq])).toEqual([[kept.id, 1]]); // seq 1: the rollback left no gap
      await unsubscribe();
    } finally {
      await cleanup();
    }
  });

  it('a throwing listener does not stop the others; unsubscribe stops delivery', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = await newWorkspace(storage, 'multi');
      const good: InboxEvent[] = [];
      const stopBad = await storage.subscribe(() => {
        throw new Error('listener bug');
      });
      const stopGood = await storage.subscribe((e) => good.push(e));
      await storage.events.append(ws, [event(ws)]);
      await waitFor(() => good.length === 1, 'first event');
      await stopBad();
      const late: InboxEvent[] = [];
      const stopLate = await storage.subscribe((e) => late.push(e));
      await stopGood();
      await storage.events.append(ws, [event(ws)]);
      await waitFor(() => late.length === 1, 'second event');
      expect(good.map((e) => e.seq)).toEqual([1]);
      expect(late.map((e) => e.seq)).toEqual([2]);
      await stopLate();
    } finally {
      await cleanup();
    }
  });

  // PGlite runs in-process: there is no connection to drop, so the case only exists on a server.
  if (kind === 'server') it('catches up without gaps after its LISTEN connection is killed', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = await newWorkspace(storage, 'drop');
      const got: InboxEvent[] = [];
      const unsubscribe = await storage.subscribe((e) => got.push(e));
      // Signals share the feed's LISTEN connection: they come back with it.
      const signals: unknown[] = [];
      const unsubscribeSignals = await storage.subscribeSignals((signal) => signals.push(signal.payload));
      await storage.events.append(ws, [event(ws)]);
      await waitFor(() => got.length === 1, 'event before the drop');

      const killed = await stores().sql<{ pid: number }>(
        `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE $1`,
        [`%LISTEN "ik_ev_${storage.schema}"%`],
      );
      expect(killed).toHaveLength(1);
      // Appended while the feed has no connection: their NOTIFYs reach nobody.
      const fresh = await newWorkspace(storage, 'born-while-down');
      await storage.events.append(ws, [event(ws), event(ws)]);
      await storage.events.append(fresh, [event(fresh)]);

      await waitFor(() => got.length === 4, 'events committed during the outage');
      expect(seqs(got, ws)).toEqual([1, 2, 3]);
      expect(seqs(got, fresh)).toEqual([1]);
      await storage.signal({ workspaceId: ws, payload: { after: 'reconnect' } });
      await waitFor(() => signals.length === 1, 'a signal after the reconnect');
      await unsubscribeSignals();
      await unsubscribe();
    } finally {
      await cleanup();
    }
  });
});
