import { ConflictError } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { comment, message } from '../../test/fixtures.js';
import { units } from '../../test/units.js';
import { timelineStore } from './timeline-store.js';

function setup() {
  const unit = units();
  return { unit, store: timelineStore(unit.journal) };
}

describe('timelineStore', () => {
  it('lists a conversation oldest first by (createdAt, id), with cursors', async () => {
    const { store } = setup();
    await store.insert(message({ id: 'm_b', createdAt: 5 }));
    await store.insert(comment({ id: 'c_a', createdAt: 5 }));
    await store.insert(message({ id: 'm_c', createdAt: 1 }));
    await store.insert(message({ id: 'm_other', conversationId: 'conv_2', createdAt: 0 }));
    const first = await store.list('ws_1', 'conv_1', { limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(['m_c', 'c_a']);
    const second = await store.list('ws_1', 'conv_1', { cursor: first.nextCursor, limit: 2 });
    expect(second).toEqual({ items: [expect.objectContaining({ id: 'm_b' })], nextCursor: null });
    expect((await store.list('ws_1', 'conv_none', { limit: 2 })).items).toEqual([]);
  });

  it('keeps (channelId, externalId) unique among messages, on insert and update', async () => {
    const { store } = setup();
    await store.insert(message({ id: 'm1', externalId: '<a@x>' }));
    await expect(store.insert(message({ id: 'm2', externalId: '<a@x>' }))).rejects.toSatisfy(ConflictError.isInstance);
    await store.insert(message({ id: 'm3', externalId: '<a@x>', channelId: 'ch_2' }));
    await store.insert(message({ id: 'm4', externalId: '<b@x>' }));
    await expect(store.update(message({ id: 'm4', externalId: '<a@x>' }))).rejects.toSatisfy(ConflictError.isInstance);
    await expect(store.insert(message({ id: 'm1' }))).rejects.toSatisfy(ConflictError.isInstance);
    // Updating a message with its own external id is no conflict.
    expect(await store.update(message({ id: 'm1', externalId: '<a@x>', text: 'edited' }))).toBe(true);
    expect((await store.findByExternalId('ws_1', 'ch_1', '<a@x>'))?.text).toBe('edited');
  });

  it('frees an external id when its message changes it', async () => {
    const { store } = setup();
    await store.insert(message({ id: 'm1', externalId: '<a@x>' }));
    await store.update(message({ id: 'm1', externalId: '<renamed@x>' }));
    expect(await store.findByExternalId('ws_1', 'ch_1', '<a@x>')).toBeNull();
    await store.insert(message({ id: 'm2', externalId: '<a@x>' }));
    expect((await store.findByExternalIds('ws_1', ['<renamed@x>']))?.id).toBe('m1');
  });

  it('finds the newest message among several external ids in any channel', async () => {
    const { store } = setup();
    await store.insert(message({ id: 'm1', externalId: '<1@x>', createdAt: 10 }));
    await store.insert(message({ id: 'm2', externalId: '<2@x>', channelId: 'ch_2', createdAt: 30 }));
    await store.insert(message({ id: 'm3', externalId: '<3@x>', createdAt: 20 }));
    expect((await store.findByExternalIds('ws_1', ['<1@x>', '<2@x>', '<3@x>', '<none>']))?.id).toBe('m2');
    expect(await store.findByExternalIds('ws_1', [])).toBeNull();
    expect(await store.findByExternalIds('ws_2', ['<1@x>'])).toBeNull();
  });

  it('an update moving items to another conversation repositions them in its timeline', async () => {
    const { store } = setup();
    await store.insert(message({ id: 'm1', createdAt: 1 }));
    await store.insert(comment({ id: 'c1', createdAt: 3 }));
    await store.insert(message({ id: 'm2', conversationId: 'conv_2', createdAt: 2 }));
    for (const id of ['m1', 'c1']) expect(await store.update({ ...(await store.get('ws_1', id))!, conversationId: 'conv_2' })).toBe(true);
    expect((await store.list('ws_1', 'conv_2', { limit: 10 })).items.map((item) => item.id)).toEqual(['m1', 'm2', 'c1']);
    expect((await store.list('ws_1', 'conv_1', { limit: 10 })).items).toEqual([]);
    expect((await store.get('ws_1', 'm1'))?.conversationId).toBe('conv_2');
  });

  it('keeps an outbox of pending outgoing messages across workspaces, created strictly before `before`', async () => {
    const { store } = setup();
    const pending = { direction: 'outgoing' as const, deliveryStatus: 'pending' as const };
    await store.insert(message({ id: 'p2', ...pending, createdAt: 20 }));
    await store.insert(message({ id: 'p1', ...pending, workspaceId: 'ws_2', createdAt: 10 }));
    await store.insert(message({ id: 'p3', ...pending, createdAt: 30 }));
    await store.insert(message({ id: 'sent', direction: 'outgoing', deliveryStatus: 'sent', createdAt: 5 }));
    await store.insert(message({ id: 'in', createdAt: 5 }));
    expect((await store.listPending(30, 10)).map((m) => m.id)).toEqual(['p1', 'p2']);
    expect((await store.listPending(100, 1)).map((m) => m.id)).toEqual(['p1']);
    await store.update(message({ id: 'p2', direction: 'outgoing', deliveryStatus: 'sent', createdAt: 20 }));
    expect((await store.listPending(100, 10)).map((m) => m.id)).toEqual(['p1', 'p3']);
  });

  it('a rollback restores every index', async () => {
    const { store, unit } = setup();
    await store.insert(message({ id: 'm1', externalId: '<a@x>', direction: 'outgoing', deliveryStatus: 'pending' }));
    unit.commit();
    await store.update(message({ id: 'm1', externalId: '<b@x>', conversationId: 'conv_2', deliveryStatus: 'sent' }));
    unit.rollback();
    expect((await store.findByExternalId('ws_1', 'ch_1', '<a@x>'))?.id).toBe('m1');
    expect(await store.findByExternalIds('ws_1', ['<b@x>'])).toBeNull();
    expect((await store.list('ws_1', 'conv_1', { limit: 5 })).items).toHaveLength(1);
    expect((await store.listPending(100, 5)).map((m) => m.id)).toEqual(['m1']);
  });
});
