import type { Contact, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { byId, collectPages, expectConflict, idsOf } from '../helpers.js';

async function workspaceWith(storage: Storage, ...overrides: Array<Partial<Contact>>) {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  const contacts = overrides.map((o) => fixtures.contact(ws, o));
  for (const contact of contacts) await storage.contacts.insert(contact);
  return { ws, contacts };
}

// Lookups share one shape: the stored contact is found by its key, and a near miss finds nothing.
const lookups: Array<{
  by: string;
  contact: Partial<Contact>;
  find: (s: Storage, ws: string, key: string) => Promise<Contact | null>;
  hit: string;
  miss: string;
}> = [
  { by: 'email', contact: { email: 'ada@example.com' }, find: (s, ws, k) => s.contacts.findByEmail(ws, k), hit: 'ada@example.com', miss: 'ada@example.org' },
  { by: 'email, case-insensitively (emails are normalized)', contact: { email: 'ada@example.com' }, find: (s, ws, k) => s.contacts.findByEmail(ws, k), hit: 'Ada@Example.COM', miss: 'ad@example.com' },
  { by: 'any of its visitor ids', contact: { visitorIds: ['v-1', 'v-2'] }, find: (s, ws, k) => s.contacts.findByVisitorId(ws, k), hit: 'v-2', miss: 'v-3' },
  { by: 'phone', contact: { phone: '+4712345678' }, find: (s, ws, k) => s.contacts.findByPhone(ws, k), hit: '+4712345678', miss: '+4712345679' },
];

export const contactsSuite = defineSuite('contacts', (t) => {
  t.test('insert then get returns the contact; a missing id is null', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, { phone: '+1555', visitorIds: ['v-1'], properties: { plan: 'pro', seats: 3 } });
    expect(await storage.contacts.get(ws.id, contacts[0]!.id)).toEqual(contacts[0]);
    expect(await storage.contacts.get(ws.id, 'contact_missing')).toBeNull();
  });

  t.test('insert throws CONFLICT on a duplicate id', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, {});
    await expectConflict(storage.contacts.insert({ ...contacts[0]!, email: 'other@example.com' }), 'a duplicate contact id');
    expect(await storage.contacts.get(ws.id, contacts[0]!.id)).toEqual(contacts[0]);
  });

  t.test('insert throws CONFLICT on an email that exists in the workspace, in any case', async ({ storage }) => {
    const { ws } = await workspaceWith(storage, { email: 'ada@example.com' });
    await expectConflict(storage.contacts.insert(fixtures.contact(ws, { email: 'ada@example.com' })), 'a duplicate email');
    await expectConflict(storage.contacts.insert(fixtures.contact(ws, { email: 'ADA@example.com' })), 'a duplicate email in upper case');
    expect((await storage.contacts.list(ws.id, { limit: 10 })).items).toHaveLength(1);
  });

  t.test('contacts without email never conflict with each other', async ({ storage }) => {
    const { ws } = await workspaceWith(storage, { email: null }, { email: null }, { email: null });
    expect((await storage.contacts.list(ws.id, { limit: 10 })).items).toHaveLength(3);
  });

  t.test('update replaces the contact and returns true; a missing one returns false', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, {});
    const updated: Contact = { ...contacts[0]!, name: 'Ada King', visitorIds: ['v-9'], properties: { vip: true }, updatedAt: 1 };
    expect(await storage.contacts.update(updated)).toBe(true);
    expect(await storage.contacts.get(ws.id, updated.id)).toEqual(updated);

    const ghost = fixtures.contact(ws);
    expect(await storage.contacts.update(ghost)).toBe(false);
    expect(await storage.contacts.get(ws.id, ghost.id)).toBeNull();
  });

  t.test('update throws CONFLICT when taking another contact’s email, and changes nothing', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, { email: 'ada@example.com' }, { email: 'bob@example.com' });
    const [ada, bob] = [contacts[0]!, contacts[1]!];
    await expectConflict(storage.contacts.update({ ...bob, email: 'ada@example.com', name: 'Bobby' }), 'updating to a taken email');
    expect(await storage.contacts.get(ws.id, bob.id)).toEqual(bob);
    expect(await storage.contacts.findByEmail(ws.id, 'ada@example.com')).toEqual(ada);
    // Keeping one's own email is not a conflict.
    expect(await storage.contacts.update({ ...ada, name: 'Ada L.' })).toBe(true);
  });

  t.test('an email freed by update or delete can be taken by another contact', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, { email: 'ada@example.com' }, { email: 'bob@example.com' });
    await storage.contacts.update({ ...contacts[0]!, email: 'ada@new.example.com' });
    await storage.contacts.delete(ws.id, contacts[1]!.id);
    await storage.contacts.insert(fixtures.contact(ws, { email: 'ada@example.com' }));
    await storage.contacts.insert(fixtures.contact(ws, { email: 'bob@example.com' }));
    expect(await storage.contacts.findByEmail(ws.id, 'ada@new.example.com')).toEqual({ ...contacts[0], email: 'ada@new.example.com' });
  });

  for (const lookup of lookups) {
    t.test(`finds a contact by ${lookup.by}; a miss is null`, async ({ storage }) => {
      const { ws, contacts } = await workspaceWith(storage, {}, lookup.contact);
      expect(await lookup.find(storage, ws.id, lookup.hit)).toEqual(contacts[1]);
      expect(await lookup.find(storage, ws.id, lookup.miss)).toBeNull();
    });
  }

  for (const lookup of lookups.filter((l) => l.by === 'phone' || l.by.includes('visitor'))) {
    t.test(`finding by ${lookup.by} that several contacts share returns the smallest id, with or without lock`, async ({ storage }) => {
      // Inserted largest id first, so insertion order cannot be what decides.
      const ws = fixtures.workspace();
      await storage.workspaces.insert(ws);
      const [small, large] = [fixtures.contact(ws, lookup.contact), fixtures.contact(ws, lookup.contact)].sort(byId);
      await storage.contacts.insert(large!);
      await storage.contacts.insert(small!);
      expect(await lookup.find(storage, ws.id, lookup.hit)).toEqual(small);
      const locked = await storage.transaction(async (tx) =>
        lookup.by === 'phone'
          ? tx.contacts.findByPhone(ws.id, lookup.hit, { lock: true })
          : tx.contacts.findByVisitorId(ws.id, lookup.hit, { lock: true }),
      );
      expect(locked).toEqual(small);
    });
  }

  t.test('get with lock: true inside a transaction reads the contact; a missing one is null', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, {});
    const [found, missing] = await storage.transaction(async (tx) => [
      await tx.contacts.get(ws.id, contacts[0]!.id, { lock: true }),
      await tx.contacts.get(ws.id, 'ct_missing', { lock: true }),
    ]);
    expect(found).toEqual(contacts[0]);
    expect(missing).toBeNull();
    // Outside a transaction the option is accepted and means nothing.
    expect(await storage.contacts.get(ws.id, contacts[0]!.id, { lock: true })).toEqual(contacts[0]);
  });

  t.test('list orders by id and paginates', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, {}, {}, {}, {}, {});
    const { items, pages } = await collectPages((cursor) => storage.contacts.list(ws.id, { cursor, limit: 2 }), 2);
    expect(items).toEqual([...contacts].sort(byId));
    expect(pages).toBe(3);
  });

  t.test('list search matches name or email as a case-insensitive substring', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(
      storage,
      { name: 'Ada Lovelace', email: 'countess@example.com' },
      { name: 'Charles Babbage', email: 'charles@engines.example.com' },
      { name: null, email: 'lovelace.fan@example.com' },
      { name: 'Grace', email: null },
    );
    const search = async (term: string) =>
      idsOf((await collectPages((cursor) => storage.contacts.list(ws.id, { search: term, cursor, limit: 1 }), 1)).items);
    const expected = (...indexes: number[]) => idsOf(indexes.map((i) => contacts[i]!).sort(byId));
    expect(await search('LOVELACE')).toEqual(expected(0, 2));
    expect(await search('engines')).toEqual(expected(1));
    expect(await search('grac')).toEqual(expected(3));
    expect(await search('nobody')).toEqual([]);
  });

  t.test('delete returns true once, then false, and the contact is gone', async ({ storage }) => {
    const { ws, contacts } = await workspaceWith(storage, { email: 'ada@example.com', visitorIds: ['v-1'] }, {});
    const [gone, kept] = [contacts[0]!, contacts[1]!];
    expect(await storage.contacts.delete(ws.id, gone.id)).toBe(true);
    expect(await storage.contacts.delete(ws.id, gone.id)).toBe(false);
    expect(await storage.contacts.get(ws.id, gone.id)).toBeNull();
    expect(await storage.contacts.findByEmail(ws.id, 'ada@example.com')).toBeNull();
    expect(await storage.contacts.findByVisitorId(ws.id, 'v-1')).toBeNull();
    expect((await storage.contacts.list(ws.id, { limit: 10 })).items).toEqual([kept]);
  });
});
