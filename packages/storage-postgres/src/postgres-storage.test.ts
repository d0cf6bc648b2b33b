import { ConflictError, StorageError, type Contact, type Conversation, type Workspace } from '@inboxkit/core';
import { expect, it } from 'vitest';
import { fixtures } from '@inboxkit/storage-testkit';
import { describeOnBothDatabases } from '../test/helpers/targets.js';

// The testkit's builders: unique sortable ids, fixed times.
const workspace = (): Workspace => fixtures.workspace();
const contact = (ws: string, email: string | null): Contact => fixtures.contact(ws, { email, name: null });
const conversation = (ws: string): Conversation => fixtures.conversation(ws);

describeOnBothDatabases('postgresStorage', (stores) => {
  it('migrate() is idempotent and reports what it applied', async () => {
    const { storage, cleanup } = await stores().create(); // already migrated once
    try {
      expect(await storage.migrate()).toEqual({ applied: [] });
    } finally {
      await cleanup();
    }
  });

  it('fields a newer core adds survive the round trip (kept in `extra`)', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = workspace();
      await storage.workspaces.insert(ws);
      const withNewField = { ...conversation(ws.id), priority: 'high', tags: ['vip'] } as Conversation;
      await storage.conversations.insert(withNewField);
      expect(await storage.conversations.get(ws.id, withNewField.id)).toEqual(withNewField);
      await storage.conversations.update({ ...withNewField, status: 'closed' });
      expect(await storage.conversations.get(ws.id, withNewField.id)).toEqual({ ...withNewField, status: 'closed' });
    } finally {
      await cleanup();
    }
  });

  it('stores in different schemas do not see each other', async () => {
    const a = await stores().create();
    const b = await stores().create();
    try {
      const ws = workspace();
      await a.storage.workspaces.insert(ws);
      expect(await b.storage.workspaces.get(ws.id)).toBeNull();
      await b.storage.workspaces.insert(ws); // no CONFLICT: a different schema
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  it('a CONFLICT caught inside a transaction leaves it usable (no aborted transaction)', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = workspace();
      await storage.workspaces.insert(ws);
      const taken = contact(ws.id, 'taken@example.com');
      const other = contact(ws.id, 'other@example.com');
      await storage.contacts.insert(taken);
      await storage.contacts.insert(other);
      await storage.transaction(async (tx) => {
        await expect(tx.contacts.insert({ ...contact(ws.id, 'taken@example.com') })).rejects.toSatisfy(ConflictError.isInstance);
        await expect(tx.contacts.update({ ...other, email: 'taken@example.com' })).rejects.toSatisfy(ConflictError.isInstance);
        await tx.state.put(ws.id, 'after-conflicts', true);
      });
      expect(await storage.state.get(ws.id, 'after-conflicts')).toBe(true);
      expect((await storage.contacts.get(ws.id, other.id))?.email).toBe('other@example.com');
    } finally {
      await cleanup();
    }
  });

  it('a transaction whose fn swallowed a failed statement rejects instead of pretending to commit', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = workspace();
      await storage.workspaces.insert(ws);
      const outcome = storage.transaction(async (tx) => {
        await tx.state.put(ws.id, 'lost', 1);
        // An invalid cursor value reaches the database as a failing statement.
        await tx.events.read(ws.id, { after: Number.NaN, limit: 1 }).catch(() => undefined);
      });
      await expect(outcome).rejects.toSatisfy(StorageError.isInstance);
      expect(await storage.state.get(ws.id, 'lost')).toBeNull();
    } finally {
      await cleanup();
    }
  });

  it('locking a missing state key leaves no visible value behind', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = workspace();
      await storage.workspaces.insert(ws);
      expect(await storage.transaction((tx) => tx.state.get(ws.id, 'rotation', { lock: true }))).toBeNull();
      expect(await storage.state.get(ws.id, 'rotation')).toBeNull();
      expect(await storage.state.delete(ws.id, 'rotation')).toBe(false);
      await storage.state.put(ws.id, 'rotation', null);
      expect(await storage.state.delete(ws.id, 'rotation')).toBe(true); // a stored JSON null is a value
    } finally {
      await cleanup();
    }
  });

  it('emails are stored normalized and found whatever their case', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = workspace();
      await storage.workspaces.insert(ws);
      const c = contact(ws.id, 'Mixed.Case@Example.com');
      await storage.contacts.insert(c);
      expect((await storage.contacts.findByEmail(ws.id, ' MIXED.case@example.COM '))?.id).toBe(c.id);
      await expect(storage.contacts.insert(contact(ws.id, 'mixed.case@example.com'))).rejects.toSatisfy(ConflictError.isInstance);
    } finally {
      await cleanup();
    }
  });

  it('search treats %, _ and \\ literally', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = workspace();
      await storage.workspaces.insert(ws);
      const percent = { ...contact(ws.id, null), name: '100% sure' };
      const plain = { ...contact(ws.id, null), name: '1000 sure' };
      await storage.contacts.insert(percent);
      await storage.contacts.insert(plain);
      const found = await storage.contacts.list(ws.id, { search: '0%', limit: 10 });
      expect(found.items.map((c) => c.id)).toEqual([percent.id]);
    } finally {
      await cleanup();
    }
  });

  it('rejects a NUL character with a STORAGE error instead of storing altered text', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const ws = workspace();
      await storage.workspaces.insert(ws);
      await expect(storage.contacts.insert({ ...contact(ws.id, null), name: 'nul\u0000name' })).rejects.toSatisfy(StorageError.isInstance);
      await expect(storage.state.put(ws.id, 'k', { text: 'nul\u0000' })).rejects.toSatisfy(StorageError.isInstance);
      expect((await storage.contacts.list(ws.id, { limit: 10 })).items).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});
