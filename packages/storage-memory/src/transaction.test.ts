import { ConflictError, StorageError, type Storage } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { contact, conversation, event, message, user, workspace } from '../test/fixtures.js';
import { memoryStorage } from './memory-storage.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

async function seeded(): Promise<Storage> {
  const storage = memoryStorage();
  await storage.workspaces.insert(workspace());
  await storage.contacts.insert(contact({ email: 'ada@example.com' }));
  await storage.conversations.insert(conversation({ assigneeId: 'usr_1' }));
  await storage.events.append('ws_1', [event()]);
  await storage.leases.acquire('imap', 'p1', 1000, 0);
  return storage;
}

describe('transaction rollback', () => {
  it('undoes every write of every store and re-throws the same error', async () => {
    const storage = await seeded();
    const failure = new Error('abort');
    const attempt = storage.transaction(async (tx) => {
      await tx.workspaces.update(workspace({ name: 'Renamed' }));
      await tx.records.put('user', user());
      await tx.contacts.update(contact({ email: 'new@example.com' }));
      await tx.conversations.update(conversation({ assigneeId: 'usr_2', lastMessageAt: 50 }));
      await tx.timeline.insert(message({ externalId: '<m1@x>' }));
      await tx.events.append('ws_1', [event({ id: 'evt_2' })]);
      await tx.state.put('ws_1', 'checkpoint', { uid: 7 });
      await tx.addresses.put('help@in.example.com', { workspaceId: 'ws_1', inboxId: 'inb_1', channelId: null });
      await tx.leases.release('imap', 'p1');
      throw failure;
    });
    await expect(attempt).rejects.toBe(failure);

    expect((await storage.workspaces.get('ws_1'))?.name).toBe('Acme');
    expect(await storage.records.get('ws_1', 'user', 'usr_1')).toBeNull();
    expect(await storage.contacts.findByEmail('ws_1', 'ada@example.com')).not.toBeNull();
    expect(await storage.contacts.findByEmail('ws_1', 'new@example.com')).toBeNull();
    // The indexes moved back with the rows.
    expect((await storage.conversations.list('ws_1', { assigneeId: 'usr_1', limit: 5 })).items).toHaveLength(1);
    expect(await storage.conversations.count('ws_1', { assigneeId: 'usr_2' })).toBe(0);
    expect(await storage.timeline.findByExternalId('ws_1', 'ch_1', '<m1@x>')).toBeNull();
    expect(await storage.state.get('ws_1', 'checkpoint')).toBeNull();
    expect(await storage.addresses.get('help@in.example.com')).toBeNull();
    expect(await storage.leases.acquire('imap', 'p2', 1000, 1)).toBe(false);
    // The rolled-back event left no gap: the next append takes seq 2.
    expect((await storage.events.append('ws_1', [event({ id: 'evt_3' })]))[0]?.seq).toBe(2);
  });

  it('re-throws a non-Error value as it was thrown', async () => {
    const storage = memoryStorage();
    const thrown = { reason: 'not an Error' };
    await expect(
      storage.transaction(async () => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
  });

  it('a failed call leaves the transaction unusable, as in SQL stores', async () => {
    const storage = await seeded();
    let conflict: unknown;
    let later: unknown;
    const attempt = storage.transaction(async (tx) => {
      await tx.contacts.insert(contact({ id: 'ct_2', email: 'bob@example.com' }));
      await tx.contacts.insert(contact({ id: 'ct_3', email: 'bob@example.com' })).catch((error: unknown) => (conflict = error));
      await tx.state.put('ws_1', 'after', true).catch((error: unknown) => (later = error));
      return 'swallowed';
    });
    // Resolving after a failure does not commit: the whole transaction rolls back.
    await expect(attempt).rejects.toSatisfy((error) => StorageError.isInstance(error) && error.cause === conflict);
    expect(ConflictError.isInstance(conflict)).toBe(true);
    expect(StorageError.isInstance(later)).toBe(true);
    expect(await storage.contacts.get('ws_1', 'ct_2')).toBeNull();
    expect(await storage.state.get('ws_1', 'after')).toBeNull();
  });

  it('rejects with the failed call’s own error when fn lets it propagate', async () => {
    const storage = await seeded();
    const attempt = storage.transaction(async (tx) => {
      await tx.contacts.insert(contact({ id: 'ct_2', email: 'bob@example.com' }));
      await tx.contacts.insert(contact({ id: 'ct_3', email: 'bob@example.com' }));
    });
    await expect(attempt).rejects.toSatisfy(ConflictError.isInstance);
    expect(await storage.contacts.get('ws_1', 'ct_2')).toBeNull();
  });
});

describe('transaction isolation', () => {
  it('runs transactions one at a time, so read-modify-write never loses an update', async () => {
    const storage = memoryStorage();
    await storage.state.put('ws_1', 'counter', 0);
    const increment = () =>
      storage.transaction(async (tx) => {
        const value = (await tx.state.get<number>('ws_1', 'counter', { lock: true })) ?? 0;
        await tick();
        await tx.state.put('ws_1', 'counter', value + 1);
      });
    await Promise.all([increment(), increment(), increment()]);
    expect(await storage.state.get('ws_1', 'counter')).toBe(3);
  });

  it('makes calls outside a transaction wait for it, so they never see uncommitted writes', async () => {
    const storage = memoryStorage();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => (inserted = resolve));
    const attempt = storage.transaction(async (tx) => {
      await tx.workspaces.insert(workspace());
      inserted();
      await gate;
      throw new Error('abort');
    });
    await didInsert;
    const read = storage.workspaces.get('ws_1');
    release();
    await expect(attempt).rejects.toThrow('abort');
    expect(await read).toBeNull();
  });

  it('refuses the outer storage and nested transactions inside fn instead of deadlocking', async () => {
    const storage = memoryStorage();
    await storage.transaction(async () => {
      await expect(storage.workspaces.get('ws_1')).rejects.toSatisfy(StorageError.isInstance);
      await expect(storage.transaction(async () => undefined)).rejects.toSatisfy(StorageError.isInstance);
    });
  });

  it('allows the outer storage again from work fn left behind once the transaction ended', async () => {
    const storage = memoryStorage();
    let later!: Promise<unknown>;
    await storage.transaction(async () => {
      later = tick().then(() => storage.workspaces.get('ws_1'));
    });
    await expect(later).resolves.toBeNull();
  });

  it('refuses a tx object used after its transaction ended', async () => {
    const storage = memoryStorage();
    let leaked!: Parameters<Parameters<Storage['transaction']>[0]>[0];
    await storage.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked.workspaces.insert(workspace())).rejects.toSatisfy(StorageError.isInstance);
    expect(await storage.workspaces.get('ws_1')).toBeNull();
  });
});
