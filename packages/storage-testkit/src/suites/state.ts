import type { Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';

async function workspace(storage: Storage): Promise<string> {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  return ws.id;
}

// Falsy values are here on purpose: a store must not confuse them with "missing".
const values: Array<{ name: string; value: unknown }> = [
  { name: 'an object (IMAP checkpoint)', value: { uidValidity: 1700000000, lastUid: 4242, mailbox: 'INBOX', flags: ['\\Seen'] } },
  { name: 'an array', value: ['user_1', { nested: [1, 2, { deep: true }] }] },
  { name: 'a string', value: 'user_3' },
  { name: 'a number', value: 12.5 },
  { name: 'zero', value: 0 },
  { name: 'false', value: false },
  { name: 'an empty string', value: '' },
  { name: 'an empty object', value: {} },
];

export const stateSuite = defineSuite('state', (t) => {
  for (const { name, value } of values) {
    t.test(`put then get returns ${name}`, async ({ storage }) => {
      const ws = await workspace(storage);
      await storage.state.put(ws, 'key', value);
      expect(await storage.state.get(ws, 'key')).toEqual(value);
    });
  }

  t.test('get returns null for a missing key', async ({ storage }) => {
    const ws = await workspace(storage);
    expect(await storage.state.get(ws, 'missing')).toBeNull();
    expect(await storage.state.get(ws, 'missing', { lock: true })).toBeNull();
  });

  t.test('put replaces the value; repeating it changes nothing; keys are independent', async ({ storage }) => {
    const ws = await workspace(storage);
    await storage.state.put(ws, 'rotation:chan_1', { next: 1 });
    await storage.state.put(ws, 'rotation:chan_2', { next: 7 });
    await storage.state.put(ws, 'rotation:chan_1', { next: 2 });
    await storage.state.put(ws, 'rotation:chan_1', { next: 2 });
    expect(await storage.state.get(ws, 'rotation:chan_1')).toEqual({ next: 2 });
    expect(await storage.state.get(ws, 'rotation:chan_2')).toEqual({ next: 7 });
  });

  t.test('delete removes the key, returns true once and then false', async ({ storage }) => {
    const ws = await workspace(storage);
    await storage.state.put(ws, 'gone', 1);
    await storage.state.put(ws, 'kept', 2);
    expect(await storage.state.delete(ws, 'gone')).toBe(true);
    expect(await storage.state.delete(ws, 'gone')).toBe(false);
    expect(await storage.state.get(ws, 'gone')).toBeNull();
    expect(await storage.state.get(ws, 'kept')).toBe(2);
  });

  t.test('get accepts lock: true outside and inside a transaction', async ({ storage }) => {
    const ws = await workspace(storage);
    await storage.state.put(ws, 'counter', 1);
    expect(await storage.state.get(ws, 'counter', { lock: true })).toBe(1);
    await storage.transaction(async (tx) => {
      const current = await tx.state.get<number>(ws, 'counter', { lock: true });
      await tx.state.put(ws, 'counter', (current ?? 0) + 1);
    });
    expect(await storage.state.get(ws, 'counter')).toBe(2);
  });
});
