import { NotFoundError, ValidationError, type IngestManyResult, type Storage } from '@inboxkit/core';
import { createInboxKit, type InboundMessage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

/** A kit with two agents in one inbox, and messages for its test channel. */
async function batchWorld(storage: Storage) {
  const kit = createInboxKit({ storage, channels: [createTestChannel()], clock: manualClock(), fallbackEmailDomain: 'in.conformance.test' });
  const ws = await kit.workspaces.create({ name: 'Batch' });
  const api = kit.workspace(ws.id);
  const [ana, ben] = [await api.users.create({ name: 'Ana', email: 'ana@batch.test' }), await api.users.create({ name: 'Ben', email: 'ben@batch.test' })];
  const inbox = await api.inboxes.create({ name: 'Inbox', members: { users: [ana.id, ben.id] } });
  const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'batch' });
  const message = (n: number, overrides: Partial<InboundMessage> = {}): InboundMessage => ({
    workspaceId: ws.id, channelId: channel.id, externalId: `batch-${n}`, from: { email: `c${n}@batch.test` }, text: `message ${n}`, ...overrides,
  });
  const eventCount = async (type: string) => (await api.events.read({ limit: 1000 })).items.filter((e) => e.type === type).length;
  return { kit, api, ws, ana, ben, inbox, channel, message, eventCount };
}

/** The stored message id of an accepted result (fails the test otherwise). */
function messageId(result: IngestManyResult | undefined): string {
  if (result?.status !== 'accepted') throw new Error(`expected accepted, got ${result?.status} ${result?.status === 'failed' ? String(result.error) : ''}`);
  return result.message.id;
}

// `kit.ingestMany`: the batch door keeps every guarantee of `kit.ingest`, on the store's own transactions and unique keys.
export const kitIngestManySuite = defineSuite('kit ingestMany', (t) => {
  t.test('stores each message once, in input order; a repeat inside the batch is a duplicate of the first', async ({ storage }) => {
    const w = await batchWorld(storage);
    const batch = [w.message(1), w.message(2), w.message(1), w.message(3)];
    const results = await w.kit.ingestMany(batch);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(results.map((r) => r.status === 'accepted' && r.duplicate)).toEqual([false, false, true, false]);
    expect(messageId(results[2])).toBe(messageId(results[0]));
    expect((await w.api.conversations.list()).items).toHaveLength(3);
    expect(await w.eventCount('message.received')).toBe(3);
  });

  t.test('a second run of the same batch changes nothing: every message is a duplicate', async ({ storage }) => {
    const w = await batchWorld(storage);
    const batch = Array.from({ length: 130 }, (_, n) => w.message(n));
    const first = await w.kit.ingestMany(batch);
    const events = (await w.api.events.read({ limit: 1000 })).items.length;
    const again = await w.kit.ingestMany(batch);
    expect(again.every((r) => r.status === 'accepted' && r.duplicate)).toBe(true);
    expect(again.map(messageId)).toEqual(first.map(messageId));
    expect((await w.api.events.read({ limit: 1000 })).items.length).toBe(events);
  });

  t.test('threads, contacts, filters and routing inside one batch as one-by-one ingest would', async ({ storage }) => {
    const w = await batchWorld(storage);
    await w.api.routing.set(w.channel.id, { targets: { users: [w.ana.id, w.ben.id] }, strategy: 'round-robin' });
    await w.api.filters.create({ inboxId: w.inbox.id, senders: ['junk@batch.test'], action: 'drop' });
    const results = await w.kit.ingestMany([
      w.message(1, { from: { email: 'same@batch.test' } }),
      w.message(2, { from: { email: 'same@batch.test' }, threadRefs: ['batch-1'] }),
      w.message(3, { from: { email: 'junk@batch.test' } }),
      w.message(4),
    ]);
    const [first, reply, junk, other] = results;
    if (first?.status !== 'accepted' || reply?.status !== 'accepted' || other?.status !== 'accepted') throw new Error('expected accepted');
    expect(reply.conversation.id).toBe(first.conversation.id);
    expect(reply.created).toBe(false);
    expect(reply.contact.id).toBe(first.contact.id);
    expect(junk?.status).toBe('filtered');
    expect(new Set([first.conversation.assigneeId, other.conversation.assigneeId])).toEqual(new Set([w.ana.id, w.ben.id]));
    expect(await w.eventCount('contact.created')).toBe(2);
    expect(await w.eventCount('message.filtered')).toBe(1);
  });

  t.test('a bad message fails alone, with the error ingest would throw; the rest are stored', async ({ storage }) => {
    const w = await batchWorld(storage);
    const results = await w.kit.ingestMany([
      w.message(1),
      { ...w.message(2), text: 42 as unknown as string },
      w.message(3, { channelId: 'ch_missing' }),
      // Fails inside the transaction (no such conversation of this sender): its chunk is redone one by one.
      w.message(4, { conversationId: 'conv_missing' }),
      w.message(5),
    ]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'failed', 'failed', 'failed', 'accepted']);
    const errorOf = (r: IngestManyResult | undefined) => (r?.status === 'failed' ? r.error : null);
    expect(ValidationError.isInstance(errorOf(results[1]))).toBe(true);
    expect(NotFoundError.isInstance(errorOf(results[2]))).toBe(true);
    expect(ValidationError.isInstance(errorOf(results[3]))).toBe(true);
    expect((await w.api.conversations.list()).items).toHaveLength(2);
    expect(await w.eventCount('message.received')).toBe(2);
  });

  t.test('racing one-by-one ingest of the same messages: each external id is stored once', async ({ storage }) => {
    const w = await batchWorld(storage);
    const batch = Array.from({ length: 40 }, (_, n) => w.message(n, { from: { email: `r${n % 5}@batch.test` } }));
    const [many, ...single] = await Promise.all([w.kit.ingestMany(batch), ...batch.map((m) => w.kit.ingest(m))]);
    expect(many!.map(messageId)).toEqual(single.map(messageId));
    const { items } = await w.api.conversations.list({ limit: 100 });
    expect(items).toHaveLength(40);
    expect(await w.eventCount('message.received')).toBe(40);
    expect(await w.eventCount('contact.created')).toBe(5);
  });
});
