import type { AddressTarget, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';
import { expectConflict } from '../helpers.js';
import { seedWorld } from '../seed.js';

/** Two targets in two workspaces: an inbox's fallback address and a channel's address. */
async function targets(storage: Storage): Promise<[AddressTarget, AddressTarget]> {
  const [a, b] = [await seedWorld(storage, 'A'), await seedWorld(storage, 'B')];
  return [
    { workspaceId: a.workspace.id, inboxId: a.inbox.id, channelId: null },
    { workspaceId: b.workspace.id, inboxId: b.inbox.id, channelId: b.channel.id },
  ];
}

// Any difference in the target is "pointing elsewhere".
const elsewhere: Array<{ name: string; change: (target: AddressTarget, other: AddressTarget) => AddressTarget }> = [
  { name: 'another workspace', change: (_target, other) => other },
  { name: 'another inbox', change: (target, other) => ({ ...target, inboxId: other.inboxId }) },
  { name: 'a channel', change: (target, other) => ({ ...target, channelId: other.channelId }) },
];

export const addressesSuite = defineSuite('addresses', (t) => {
  t.test('put then get returns the target; a missing address is null', async ({ storage }) => {
    const [inboxTarget, channelTarget] = await targets(storage);
    await storage.addresses.put('support-x1@in.example.com', inboxTarget);
    await storage.addresses.put('help@acme.example.com', channelTarget);
    expect(await storage.addresses.get('support-x1@in.example.com')).toEqual(inboxTarget);
    expect(await storage.addresses.get('help@acme.example.com')).toEqual(channelTarget);
    expect(await storage.addresses.get('nobody@in.example.com')).toBeNull();
  });

  t.test('addresses are lower-cased: any case finds and deletes the same address', async ({ storage }) => {
    const [target] = await targets(storage);
    await storage.addresses.put('Support-X1@In.Example.com', target);
    expect(await storage.addresses.get('support-x1@in.example.com')).toEqual(target);
    expect(await storage.addresses.get('SUPPORT-X1@IN.EXAMPLE.COM')).toEqual(target);
    expect(await storage.addresses.delete('SUPPORT-x1@in.example.COM')).toBe(true);
    expect(await storage.addresses.get('support-x1@in.example.com')).toBeNull();
  });

  t.test('putting the same target again is idempotent', async ({ storage }) => {
    const [target] = await targets(storage);
    await storage.addresses.put('support@in.example.com', target);
    await storage.addresses.put('support@in.example.com', { ...target });
    await storage.addresses.put('SUPPORT@in.example.com', target);
    expect(await storage.addresses.get('support@in.example.com')).toEqual(target);
  });

  for (const c of elsewhere) {
    t.test(`put throws CONFLICT when the address points to ${c.name} already`, async ({ storage }) => {
      const [target, other] = await targets(storage);
      await storage.addresses.put('support@in.example.com', target);
      await expectConflict(storage.addresses.put('support@in.example.com', c.change(target, other)), `re-pointing to ${c.name}`);
      await expectConflict(storage.addresses.put('Support@In.Example.com', c.change(target, other)), `re-pointing to ${c.name} in another case`);
      expect(await storage.addresses.get('support@in.example.com')).toEqual(target);
    });
  }

  t.test('delete removes the address, returns true once and then false; it can then point elsewhere', async ({ storage }) => {
    const [target, other] = await targets(storage);
    await storage.addresses.put('support@in.example.com', target);
    expect(await storage.addresses.delete('support@in.example.com')).toBe(true);
    expect(await storage.addresses.delete('support@in.example.com')).toBe(false);
    expect(await storage.addresses.get('support@in.example.com')).toBeNull();
    await storage.addresses.put('support@in.example.com', other);
    expect(await storage.addresses.get('support@in.example.com')).toEqual(other);
  });
});
