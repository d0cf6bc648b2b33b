import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

const operations = ['workspaces', 'records', 'contacts', 'conversations', 'timeline', 'events', 'state', 'addresses', 'leases'] as const;

export const contractSuite = defineSuite('contract', (t) => {
  t.test('declares specificationVersion v1, a name and its capabilities', async ({ storage }) => {
    expect(storage.specificationVersion).toBe('v1');
    expect(storage.name).toEqual(expect.any(String));
    expect(storage.name.length).toBeGreaterThan(0);
    expect(storage.capabilities).toEqual({ subscribe: expect.any(Boolean) });
  });

  t.test('capabilities.subscribe is true exactly when subscribe() exists', async ({ storage }) => {
    expect(storage.capabilities.subscribe).toBe(typeof storage.subscribe === 'function');
  });

  t.test('exposes every operation group outside and inside a transaction', async ({ storage }) => {
    for (const group of operations) expect(storage[group], group).toBeTypeOf('object');
    await storage.transaction(async (tx) => {
      for (const group of operations) expect(tx[group], `tx.${group}`).toBeTypeOf('object');
    });
  });
});
