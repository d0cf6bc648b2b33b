import { MAX_SIGNAL_BYTES, ValidationError, type StorageSignal } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite, type ConformanceContext } from '../harness.js';
import { rejection, waitFor } from '../helpers.js';

/** The store's signal methods (skips the test for stores without the capability). */
function signalsOf({ storage, skip }: ConformanceContext) {
  const { signal, subscribeSignals } = storage;
  if (!storage.capabilities.signals || !signal || !subscribeSignals) return skip('store has no signals capability');
  return { signal: signal.bind(storage), subscribeSignals: subscribeSignals.bind(storage) };
}

export const signalsSuite = defineSuite('signals', (t) => {
  t.test('every subscriber gets each signal, in send order, as a copy', async (ctx) => {
    const { signal, subscribeSignals } = signalsOf(ctx);
    const a: StorageSignal[] = [];
    const b: StorageSignal[] = [];
    const stopA = await subscribeSignals((s) => a.push(s));
    const stopB = await subscribeSignals((s) => b.push(s));
    const payload = { kind: 'test', n: 1, nested: { ok: true } };
    await signal({ workspaceId: 'ws_1', payload });
    await signal({ workspaceId: 'ws_2', payload: { kind: 'test', n: 2 } });
    payload.n = 99; // mutating what was sent changes nothing delivered
    await waitFor(() => a.length === 2 && b.length === 2, 'both signals at both subscribers');
    expect(a).toEqual([
      { workspaceId: 'ws_1', payload: { kind: 'test', n: 1, nested: { ok: true } } },
      { workspaceId: 'ws_2', payload: { kind: 'test', n: 2 } },
    ]);
    expect(b).toEqual(a);
    await stopA();
    await signal({ workspaceId: 'ws_1', payload: { kind: 'test', n: 3 } });
    await waitFor(() => b.length === 3, 'the third signal');
    expect(a).toHaveLength(2);
    await stopB();
  });

  t.test('signals are never written to the event log', async (ctx) => {
    const { signal, subscribeSignals } = signalsOf(ctx);
    await ctx.storage.workspaces.insert({ id: 'ws_sig', name: 'S', createdAt: 0, updatedAt: 0 });
    const got: StorageSignal[] = [];
    const stop = await subscribeSignals((s) => got.push(s));
    await signal({ workspaceId: 'ws_sig', payload: { kind: 'test' } });
    await waitFor(() => got.length === 1, 'the signal');
    expect(await ctx.storage.events.read('ws_sig', { limit: 10 })).toEqual([]);
    await stop();
  });

  t.test(`a payload over ${MAX_SIGNAL_BYTES} bytes of JSON is VALIDATION`, async (ctx) => {
    const { signal } = signalsOf(ctx);
    const error = await rejection(signal({ workspaceId: 'ws_1', payload: { text: 'é'.repeat(MAX_SIGNAL_BYTES / 2) } }));
    expect(ValidationError.isInstance(error), String(error)).toBe(true);
  });
});
