import { ValidationError, type InboxEvent } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { conversation, event, workspace } from '../test/fixtures.js';
import { memoryStorage } from './memory-storage.js';

describe('memoryStorage()', () => {
  it('is a v1 store named memory with every capability', () => {
    const storage = memoryStorage();
    expect(storage.specificationVersion).toBe('v1');
    expect(storage.name).toBe('memory');
    expect(storage.capabilities).toEqual({ subscribe: true, analytics: true, bots: true, reads: true, followers: true, signals: true, search: true });
    expect(typeof storage.subscribe).toBe('function');
  });

  it('rejects unknown options when called, naming the option', () => {
    const bad = { nmae: 'x' } as unknown as Parameters<typeof memoryStorage>[0];
    let caught: unknown;
    try {
      memoryStorage(bad);
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as ValidationError).issues).toEqual([{ path: 'nmae', message: 'unknown option' }]);
    expect((caught as ValidationError).message).toMatch(/memoryStorage options.*nmae/);
  });

  it('keeps separate data per instance', async () => {
    const a = memoryStorage();
    await a.workspaces.insert(workspace());
    expect(await memoryStorage().workspaces.get('ws_1')).toBeNull();
  });

  it('stores copies and returns copies', async () => {
    const storage = memoryStorage();
    const input = conversation({ origin: { kind: 'form', id: 'form_1' } });
    await storage.conversations.insert(input);
    input.origin.id = 'changed by caller';
    const first = await storage.conversations.get('ws_1', 'conv_1');
    first!.origin.id = 'changed again';
    const page = await storage.conversations.list('ws_1', { limit: 1 });
    page.items[0]!.subject = 'changed in a page';
    expect(await storage.conversations.get('ws_1', 'conv_1')).toEqual(conversation({ origin: { kind: 'form', id: 'form_1' } }));
  });
});

describe('subscribe()', () => {
  it('delivers a committed transaction’s events in seq order, only after commit', async () => {
    const storage = memoryStorage();
    const seen: InboxEvent[] = [];
    await storage.subscribe!((e) => seen.push(e));
    await storage.transaction(async (tx) => {
      await tx.events.append('ws_1', [event({ id: 'e1' }), event({ id: 'e2' })]);
      await tx.events.append('ws_2', [event({ id: 'e3', workspaceId: 'ws_2' })]);
      expect(seen).toEqual([]);
    });
    expect(seen.map((e) => [e.workspaceId, e.seq, e.id])).toEqual([
      ['ws_1', 1, 'e1'],
      ['ws_1', 2, 'e2'],
      ['ws_2', 1, 'e3'],
    ]);
  });

  it('delivers nothing from a rolled-back transaction', async () => {
    const storage = memoryStorage();
    const seen: InboxEvent[] = [];
    await storage.subscribe!((e) => seen.push(e));
    await expect(
      storage.transaction(async (tx) => {
        await tx.events.append('ws_1', [event()]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(seen).toEqual([]);
    expect(await storage.events.read('ws_1', { limit: 10 })).toEqual([]);
  });

  it('delivers a plain append before the call resolves, and stops after unsubscribe', async () => {
    const storage = memoryStorage();
    const seen: number[] = [];
    const unsubscribe = await storage.subscribe!((e) => seen.push(e.seq));
    await storage.events.append('ws_1', [event()]);
    expect(seen).toEqual([1]);
    await unsubscribe();
    await storage.events.append('ws_1', [event()]);
    expect(seen).toEqual([1]);
  });

  it('lets a listener use the storage (its calls run after the delivering unit)', async () => {
    const storage = memoryStorage();
    const reads: Promise<InboxEvent[]>[] = [];
    await storage.subscribe!((e) => reads.push(storage.events.read(e.workspaceId, { limit: 10 })));
    await storage.transaction((tx) => tx.events.append('ws_1', [event()]));
    expect((await reads[0])?.map((e) => e.seq)).toEqual([1]);
  });

  it('close() ends every subscription', async () => {
    const storage = memoryStorage();
    const seen: number[] = [];
    await storage.subscribe!((e) => seen.push(e.seq));
    await storage.close();
    await storage.events.append('ws_1', [event()]);
    expect(seen).toEqual([]);
  });
});
