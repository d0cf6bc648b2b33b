import { StorageError } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';
import { deferred, rejection, tick } from '../helpers.js';
import { seedWorld } from '../seed.js';

/** Waits for `signal`, but at most `ms`: stores that run one transaction at a time never send it. */
function signalOrTimeout(signal: Promise<void>, ms: number): Promise<void> {
  return Promise.race([signal, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

// The promises of `transaction(fn)` beyond commit and rollback: misuse fails fast, lost
// deadlocks are the store's business, and parallel calls on one tx are safe.
export const transactionSafetySuite = defineSuite('transaction safety', (t) => {
  t.test('using the store itself inside transaction(fn) throws STORAGE instead of hanging', async ({ storage }) => {
    const world = await seedWorld(storage);
    const outcome = await storage.transaction(async (tx) => {
      const direct = await rejection(storage.workspaces.get(world.workspace.id));
      const nested = await rejection(storage.transaction(async () => undefined));
      // The transaction itself is still usable: the refused calls never reached it.
      return { direct, nested, read: await tx.workspaces.get(world.workspace.id) };
    });
    expect(StorageError.isInstance(outcome.direct), `direct call threw ${String(outcome.direct)}`).toBe(true);
    expect(StorageError.isInstance(outcome.nested), `nested transaction threw ${String(outcome.nested)}`).toBe(true);
    expect(outcome.read?.id).toBe(world.workspace.id);
    expect(await storage.workspaces.get(world.workspace.id), 'the store works after the transaction').not.toBeNull();
  });

  t.test('two transactions locking two conversations in opposite order both commit (a deadlock is retried)', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const [first, second] = [await world.conversation(), await world.conversation()];
    const locked = [deferred(), deferred()];
    // Each locks one row, waits until the other has locked the other row, then takes it: on
    // a store that runs them concurrently that is a deadlock, which the store must retry.
    const bump = (own: number, order: string[]) =>
      storage.transaction(async (tx) => {
        const a = await tx.conversations.get(ws, order[0]!, { lock: true });
        locked[own]!.resolve();
        await signalOrTimeout(locked[1 - own]!.promise, 300);
        const b = await tx.conversations.get(ws, order[1]!, { lock: true });
        await tx.conversations.update({ ...a!, messageCount: a!.messageCount + 1 });
        await tx.conversations.update({ ...b!, messageCount: b!.messageCount + 1 });
      });
    await Promise.all([bump(0, [first.id, second.id]), bump(1, [second.id, first.id])]);
    for (const { id } of [first, second]) {
      expect((await storage.conversations.get(ws, id))?.messageCount, id).toBe(2);
    }
  });

  t.test('calls started in parallel on one tx all complete, in one transaction', async ({ storage }) => {
    const world = await seedWorld(storage);
    const ws = world.workspace.id;
    const keys = Array.from({ length: 20 }, (_, n) => `parallel-${n}`);
    const reads = await storage.transaction(async (tx) => {
      await Promise.all(keys.map((key, n) => tx.state.put(ws, key, n)));
      await tick();
      return Promise.all(keys.map((key) => tx.state.get<number>(ws, key)));
    });
    expect(reads).toEqual(keys.map((_, n) => n));
    expect(await Promise.all(keys.map((key) => storage.state.get<number>(ws, key)))).toEqual(reads);
  });
});
