import { ConflictError } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { contact } from '../../test/fixtures.js';
import { units } from '../../test/units.js';
import { contactStore } from './contact-store.js';

function setup() {
  const unit = units();
  return { unit, store: contactStore(unit.journal) };
}

describe('contactStore', () => {
  it('stores emails normalized and keeps them unique per workspace', async () => {
    const { store } = setup();
    await store.insert(contact({ email: ' Ada@Example.COM ' }));
    expect((await store.get('ws_1', 'ct_1'))?.email).toBe('ada@example.com');
    await expect(store.insert(contact({ id: 'ct_2', email: 'ADA@example.com' }))).rejects.toSatisfy(ConflictError.isInstance);
    await store.insert(contact({ id: 'ct_2', workspaceId: 'ws_2', email: 'ada@example.com' }));
    await store.insert(contact({ id: 'ct_3', email: 'bob@example.com' }));
    await expect(store.update(contact({ id: 'ct_3', email: 'ada@example.com' }))).rejects.toSatisfy(ConflictError.isInstance);
    expect((await store.findByEmail('ws_1', 'Ada@Example.com'))?.id).toBe('ct_1');
  });

  it('allows any number of contacts without an email', async () => {
    const { store } = setup();
    await store.insert(contact({ id: 'ct_1' }));
    await store.insert(contact({ id: 'ct_2' }));
    expect((await store.list('ws_1', { limit: 10 })).items).toHaveLength(2);
  });

  it('follows email, phone and visitor id changes in its lookups', async () => {
    const { store } = setup();
    await store.insert(contact({ email: 'old@example.com', phone: '+1', visitorIds: ['v1', 'v2'] }));
    await store.update(contact({ email: 'new@example.com', phone: '+2', visitorIds: ['v2', 'v3'] }));
    expect(await store.findByEmail('ws_1', 'old@example.com')).toBeNull();
    expect(await store.findByPhone('ws_1', '+1')).toBeNull();
    expect(await store.findByVisitorId('ws_1', 'v1')).toBeNull();
    expect((await store.findByEmail('ws_1', 'new@example.com'))?.id).toBe('ct_1');
    expect((await store.findByPhone('ws_1', '+2'))?.id).toBe('ct_1');
    expect((await store.findByVisitorId('ws_1', 'v3'))?.id).toBe('ct_1');
    // The old email is free again.
    await store.insert(contact({ id: 'ct_2', email: 'old@example.com' }));
  });

  it('answers a shared phone or visitor id with the smallest contact id', async () => {
    const { store } = setup();
    await store.insert(contact({ id: 'ct_b', phone: '+1', visitorIds: ['v'] }));
    await store.insert(contact({ id: 'ct_a', phone: '+1', visitorIds: ['v'] }));
    expect((await store.findByPhone('ws_1', '+1'))?.id).toBe('ct_a');
    expect((await store.findByVisitorId('ws_1', 'v'))?.id).toBe('ct_a');
  });

  it('lists by id with a case-insensitive search on name or email', async () => {
    const { store } = setup();
    await store.insert(contact({ id: 'ct_3', name: 'Grace Hopper' }));
    await store.insert(contact({ id: 'ct_1', name: 'Ada', email: 'ada@hopper.org' }));
    await store.insert(contact({ id: 'ct_2', name: 'Alan' }));
    const page = await store.list('ws_1', { search: 'HOPPER', limit: 1 });
    expect(page.items.map((c) => c.id)).toEqual(['ct_1']);
    const rest = await store.list('ws_1', { search: 'HOPPER', cursor: page.nextCursor, limit: 1 });
    expect(rest).toEqual({ items: [expect.objectContaining({ id: 'ct_3' })], nextCursor: null });
    expect((await store.list('ws_1', { limit: 10 })).items.map((c) => c.id)).toEqual(['ct_1', 'ct_2', 'ct_3']);
  });

  it('deletes from every lookup, and a rollback restores them', async () => {
    const { store, unit } = setup();
    await store.insert(contact({ email: 'ada@example.com', phone: '+1', visitorIds: ['v1'] }));
    unit.commit();
    expect(await store.delete('ws_1', 'ct_1')).toBe(true);
    expect(await store.delete('ws_1', 'ct_1')).toBe(false);
    expect(await store.findByPhone('ws_1', '+1')).toBeNull();
    expect((await store.list('ws_1', { limit: 5 })).items).toEqual([]);
    unit.rollback();
    expect((await store.findByEmail('ws_1', 'ada@example.com'))?.id).toBe('ct_1');
    expect((await store.findByVisitorId('ws_1', 'v1'))?.id).toBe('ct_1');
  });
});
