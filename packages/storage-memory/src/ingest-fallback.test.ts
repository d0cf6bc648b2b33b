import { createInboxKit, type InboundMessage, type Storage, type StorageOperations } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './index.js';

/** `ops` without the optional batch methods, as a store written before them has it. */
function withoutBatchMethods<T extends StorageOperations>(ops: T): T {
  const strip = <S extends object>(store: S, names: string[]): S =>
    Object.fromEntries(Object.entries(store).filter(([name]) => !names.includes(name))) as S;
  return {
    ...ops,
    contacts: strip(ops.contacts, ['insertMany', 'findByEmails']),
    conversations: strip(ops.conversations, ['insertMany']),
    timeline: strip(ops.timeline, ['insertMany', 'findManyByExternalId']),
    reads: ops.reads && strip(ops.reads, ['noteIncomingMany']),
  };
}

/** A v1 store: the memory store with every batch method taken away, outside and inside transactions. */
function v1Store(): Storage {
  const storage = memoryStorage();
  return { ...withoutBatchMethods(storage), transaction: (fn) => storage.transaction((tx) => fn(withoutBatchMethods(tx))) } as Storage;
}

async function run(storage: Storage) {
  const kit = createInboxKit({ storage, channels: [createTestChannel()], clock: manualClock(), fallbackEmailDomain: 'in.fallback.test' });
  const ws = await kit.workspaces.create({ name: 'Fallback' });
  const api = kit.workspace(ws.id);
  const inbox = await api.inboxes.create({ name: 'Inbox' });
  const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'fallback' });
  const message = (n: number, overrides: Partial<InboundMessage> = {}): InboundMessage => ({
    workspaceId: ws.id, channelId: channel.id, externalId: `m-${n}`, from: { email: `c${n % 3}@fallback.test` }, text: `message ${n}`, ...overrides,
  });
  const batch = [message(1), message(2), message(1), message(3, { threadRefs: ['m-2'] }), message(4)];
  const results = await kit.ingestMany(batch);
  const again = await kit.ingestMany(batch);
  const summary = (r: (typeof results)[number]) => (r.status === 'accepted' ? [r.created, r.duplicate, r.message.externalId, r.contact.email] : [r.status]);
  return {
    first: results.map(summary),
    again: again.map(summary),
    conversations: (await api.conversations.list()).items.length,
    contacts: (await api.contacts.list()).items.length,
    events: (await api.events.read({ limit: 100 })).items.map((e) => e.type),
  };
}

// Core uses the batch methods only where a store has them; a store without them must give the same outcome.
describe('kit.ingestMany on a store without the batch methods', () => {
  it('stores, dedupes, threads and records events exactly as on a store with them', async () => {
    const full = await run(memoryStorage());
    const v1 = await run(v1Store());
    expect(v1).toEqual(full);
    expect(full.first.map((r) => r[1])).toEqual([false, false, true, false, false]);
    expect(full.again.every((r) => r[1] === true)).toBe(true);
    expect(full.conversations).toBe(3);
    expect(full.contacts).toBe(3);
  });
});
