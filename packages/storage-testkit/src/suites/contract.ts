import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

const operations = ['workspaces', 'records', 'contacts', 'conversations', 'timeline', 'events', 'state', 'addresses', 'leases'] as const;

export const contractSuite = defineSuite('contract', (t) => {
  t.test('declares specificationVersion v1, a name and its capabilities', async ({ storage }) => {
    expect(storage.specificationVersion).toBe('v1');
    expect(storage.name).toEqual(expect.any(String));
    expect(storage.name.length).toBeGreaterThan(0);
    const { analytics, bots, reads, followers, signals, search, ...required } = storage.capabilities;
    expect(required).toEqual({ subscribe: expect.any(Boolean) });
    // Optional in v1 (stores written before them have no such key): absent means false.
    for (const optional of [analytics, bots, reads, followers, signals, search]) expect([undefined, true, false]).toContain(optional);
  });

  t.test('capabilities.subscribe is true exactly when subscribe() exists', async ({ storage }) => {
    expect(storage.capabilities.subscribe).toBe(typeof storage.subscribe === 'function');
  });

  t.test('capabilities.analytics is true exactly when the analytics store exists', async ({ storage }) => {
    expect(storage.capabilities.analytics ?? false).toBe(typeof storage.analytics === 'object');
  });

  t.test('capabilities.bots is true exactly when the bot session store exists, in and outside transactions', async ({ storage }) => {
    const declared = storage.capabilities.bots ?? false;
    expect(declared).toBe(typeof storage.bots === 'object');
    await storage.transaction(async (tx) => {
      expect(declared).toBe(typeof tx.bots === 'object');
    });
  });

  t.test('capabilities.search is true exactly when the search store exists, in and outside transactions', async ({ storage }) => {
    const declared = storage.capabilities.search ?? false;
    expect(declared).toBe(typeof storage.search === 'object');
    await storage.transaction(async (tx) => {
      expect(declared).toBe(typeof tx.search === 'object');
    });
  });

  t.test('capabilities.reads and .followers are true exactly when their stores exist, in and outside transactions', async ({ storage }) => {
    const declared = { reads: storage.capabilities.reads ?? false, followers: storage.capabilities.followers ?? false };
    expect({ reads: typeof storage.reads === 'object', followers: typeof storage.followers === 'object' }).toEqual(declared);
    await storage.transaction(async (tx) => {
      expect({ reads: typeof tx.reads === 'object', followers: typeof tx.followers === 'object' }).toEqual(declared);
    });
  });

  t.test('capabilities.signals is true exactly when signal() and subscribeSignals() exist', async ({ storage }) => {
    const declared = storage.capabilities.signals ?? false;
    expect(typeof storage.signal === 'function').toBe(declared);
    expect(typeof storage.subscribeSignals === 'function').toBe(declared);
  });

  t.test('exposes every operation group outside and inside a transaction', async ({ storage }) => {
    for (const group of operations) expect(storage[group], group).toBeTypeOf('object');
    await storage.transaction(async (tx) => {
      for (const group of operations) expect(tx[group], `tx.${group}`).toBeTypeOf('object');
    });
  });
});
