import type { Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { seedWorld } from '../seed.js';

/** A workspace holding one of everything, with lookup keys (email, phone…) unique to it. */
async function seedTenant(storage: Storage, label: 'A' | 'B') {
  const world = await seedWorld(storage, label);
  const ws = world.workspace.id;
  const team = fixtures.team(ws, { name: `Team ${label}` });
  await storage.records.put('team', team);
  const contact = await world.contactOf({
    name: `Customer ${label}`,
    email: `customer-${label.toLowerCase()}@example.com`,
    phone: label === 'A' ? '+4711111111' : '+4722222222',
    visitorIds: [`visitor-${label}`],
  });
  const conversation = await world.conversation({ contactId: contact.id });
  const message = await world.item(fixtures.message(conversation, { externalId: `ext-${label}` }));
  const events = await storage.events.append(ws, [fixtures.event(ws), fixtures.event(ws)]);
  await storage.state.put(ws, 'shared-key', label);
  await storage.state.put(ws, `only-${label}`, true);
  return { ...world, ws, team, contact, conversation, message, events };
}

type Tenant = Awaited<ReturnType<typeof seedTenant>>;

/** Everything B has, read through B's own id. */
async function snapshot(storage: Storage, b: Tenant) {
  return {
    workspace: await storage.workspaces.get(b.ws),
    records: await Promise.all((['user', 'team', 'inbox', 'channel'] as const).map(async (kind) => (await storage.records.list(b.ws, kind)).items)),
    contacts: (await storage.contacts.list(b.ws, { limit: 100 })).items,
    conversations: (await storage.conversations.list(b.ws, { limit: 100 })).items,
    timeline: (await storage.timeline.list(b.ws, b.conversation.id, { limit: 100 })).items,
    events: await storage.events.read(b.ws, { limit: 100 }),
    state: [await storage.state.get(b.ws, 'shared-key'), await storage.state.get(b.ws, 'only-B')],
  };
}

/** Each probe calls the store with workspace A's id and B's entity ids or keys. */
const probes: Array<{ name: string; probe: (s: Storage, a: Tenant, b: Tenant) => Promise<unknown>; expected: (a: Tenant) => unknown }> = [
  { name: 'records.get', probe: (s, a, b) => s.records.get(a.ws, 'team', b.team.id), expected: () => null },
  { name: 'records.list', probe: async (s, a) => (await s.records.list(a.ws, 'team')).items, expected: (a) => [a.team] },
  { name: 'records.list where', probe: async (s, a, b) => (await s.records.list(a.ws, 'channel', { where: { inboxId: b.inbox.id } })).items, expected: () => [] },
  { name: 'records.delete', probe: (s, a, b) => s.records.delete(a.ws, 'team', b.team.id), expected: () => false },
  {
    name: 'records.put of B’s id (keys are per workspace)',
    probe: async (s, a, b) => (await s.records.put('team', { ...b.team, workspaceId: a.ws, name: 'Mine' }), s.records.get(a.ws, 'team', b.team.id)),
    expected: () => expect.objectContaining({ name: 'Mine' }),
  },
  { name: 'contacts.get', probe: (s, a, b) => s.contacts.get(a.ws, b.contact.id), expected: () => null },
  { name: 'contacts.findByEmail', probe: (s, a, b) => s.contacts.findByEmail(a.ws, b.contact.email!), expected: () => null },
  { name: 'contacts.findByVisitorId', probe: (s, a) => s.contacts.findByVisitorId(a.ws, 'visitor-B'), expected: () => null },
  { name: 'contacts.findByPhone', probe: (s, a, b) => s.contacts.findByPhone(a.ws, b.contact.phone!), expected: () => null },
  { name: 'contacts.list search', probe: async (s, a) => (await s.contacts.list(a.ws, { search: 'Customer ', limit: 10 })).items, expected: (a) => [a.contact] },
  { name: 'contacts.update', probe: (s, a, b) => s.contacts.update({ ...b.contact, workspaceId: a.ws, name: 'Hijacked' }), expected: () => false },
  { name: 'contacts.delete', probe: (s, a, b) => s.contacts.delete(a.ws, b.contact.id), expected: () => false },
  {
    name: 'contacts.insert of B’s id and email (unique per workspace only)',
    probe: async (s, a, b) => (await s.contacts.insert({ ...b.contact, workspaceId: a.ws, name: 'Mine' }), s.contacts.findByEmail(a.ws, b.contact.email!)),
    expected: () => expect.objectContaining({ name: 'Mine' }),
  },
  { name: 'conversations.get', probe: (s, a, b) => s.conversations.get(a.ws, b.conversation.id), expected: () => null },
  { name: 'conversations.get with lock', probe: (s, a, b) => s.transaction((tx) => tx.conversations.get(a.ws, b.conversation.id, { lock: true })), expected: () => null },
  { name: 'conversations.list', probe: async (s, a) => (await s.conversations.list(a.ws, { limit: 10 })).items, expected: (a) => [a.conversation] },
  { name: 'conversations.list by B’s contact', probe: async (s, a, b) => (await s.conversations.list(a.ws, { contactId: b.contact.id, limit: 10 })).items, expected: () => [] },
  { name: 'conversations.list by B’s inbox', probe: async (s, a, b) => (await s.conversations.list(a.ws, { inboxIds: [b.inbox.id], limit: 10 })).items, expected: () => [] },
  { name: 'conversations.count', probe: (s, a) => s.conversations.count(a.ws, {}), expected: () => 1 },
  { name: 'conversations.count by B’s channel', probe: (s, a, b) => s.conversations.count(a.ws, { channelId: b.channel.id }), expected: () => 0 },
  { name: 'conversations.update', probe: (s, a, b) => s.conversations.update({ ...b.conversation, workspaceId: a.ws, status: 'closed' }), expected: () => false },
  { name: 'conversations.moveContact', probe: (s, a, b) => s.conversations.moveContact(a.ws, b.contact.id, a.contact.id), expected: () => 0 },
  { name: 'timeline.get', probe: (s, a, b) => s.timeline.get(a.ws, b.message.id), expected: () => null },
  { name: 'timeline.list', probe: async (s, a, b) => (await s.timeline.list(a.ws, b.conversation.id, { limit: 10 })).items, expected: () => [] },
  { name: 'timeline.findByExternalId', probe: (s, a, b) => s.timeline.findByExternalId(a.ws, b.channel.id, 'ext-B'), expected: () => null },
  { name: 'timeline.findByExternalIds', probe: (s, a) => s.timeline.findByExternalIds(a.ws, ['ext-B']), expected: () => null },
  { name: 'timeline.update', probe: (s, a, b) => s.timeline.update({ ...b.message, workspaceId: a.ws, text: 'Hijacked' }), expected: () => false },
  { name: 'events.read', probe: (s, a) => s.events.read(a.ws, { limit: 100 }), expected: (a) => a.events },
  {
    name: 'events.append',
    probe: async (s, a) => (await s.events.append(a.ws, [fixtures.event(a.ws)]), (await s.events.read(a.ws, { limit: 100 })).length),
    expected: () => 3,
  },
  { name: 'state.get', probe: async (s, a) => [await s.state.get(a.ws, 'only-B'), await s.state.get(a.ws, 'shared-key')], expected: () => [null, 'A'] },
  { name: 'state.put', probe: async (s, a) => (await s.state.put(a.ws, 'shared-key', 'changed'), s.state.get(a.ws, 'shared-key')), expected: () => 'changed' },
  { name: 'state.delete', probe: (s, a) => s.state.delete(a.ws, 'only-B'), expected: () => false },
];

export const tenancySuite = defineSuite('tenancy', (t) => {
  for (const { name, probe, expected } of probes) {
    t.test(`${name} with workspace A’s id never sees or changes workspace B`, async ({ storage }) => {
      const a = await seedTenant(storage, 'A');
      const b = await seedTenant(storage, 'B');
      const before = await snapshot(storage, b);
      expect(await probe(storage, a, b)).toEqual(expected(a));
      expect(await snapshot(storage, b)).toEqual(before);
    });
  }
});
