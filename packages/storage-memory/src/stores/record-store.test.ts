import type { RecordStore } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { user } from '../../test/fixtures.js';
import { units } from '../../test/units.js';
import { recordStore } from './record-store.js';

function setup() {
  const unit = units();
  return { unit, store: recordStore(unit.journal) };
}

async function seed(store: RecordStore) {
  for (const [workspaceId, id, role] of [
    ['ws_2', 'usr_a', 'admin'],
    ['ws_1', 'usr_c', 'agent'],
    ['ws_1', 'usr_a', 'agent'],
    ['ws_1', 'usr_b', 'admin'],
  ] as const) {
    await store.put('user', user({ workspaceId, id, role }));
  }
}

describe('recordStore', () => {
  it('puts idempotently, replacing the record', async () => {
    const { store } = setup();
    await store.put('user', user({ name: 'Ada' }));
    await store.put('user', user({ name: 'Ada L.' }));
    expect((await store.list('ws_1', 'user')).items.map((u) => u.name)).toEqual(['Ada L.']);
    expect(await store.get('ws_1', 'team', 'usr_1')).toBeNull();
  });

  it('lists one workspace by id, all of it when no limit is given', async () => {
    const { store } = setup();
    await seed(store);
    expect((await store.list('ws_1', 'user')).items.map((u) => u.id)).toEqual(['usr_a', 'usr_b', 'usr_c']);
    const first = await store.list('ws_1', 'user', { limit: 2 });
    expect(first.items.map((u) => u.id)).toEqual(['usr_a', 'usr_b']);
    expect(await store.list('ws_1', 'user', { cursor: first.nextCursor, limit: 2 })).toEqual({
      items: [expect.objectContaining({ id: 'usr_c' })],
      nextCursor: null,
    });
    expect((await store.list('ws_0', 'user')).items).toEqual([]);
  });

  it('filters on top-level fields, a missing field counting as null', async () => {
    const { store } = setup();
    await seed(store);
    expect((await store.list('ws_1', 'user', { where: { role: 'admin' } })).items.map((u) => u.id)).toEqual(['usr_b']);
    expect((await store.list('ws_1', 'user', { where: { role: 'agent', avatarUrl: null } })).items).toHaveLength(2);
    expect((await store.list('ws_1', 'user', { where: { nickname: null } })).items).toHaveLength(3);
    expect((await store.list('ws_1', 'user', { where: { role: 'owner' } })).items).toEqual([]);
  });

  it('lists every workspace by (workspaceId, id) with cursors', async () => {
    const { store } = setup();
    await seed(store);
    const first = await store.listAll('user', { limit: 3 });
    expect(first.items.map((u) => [u.workspaceId, u.id])).toEqual([
      ['ws_1', 'usr_a'],
      ['ws_1', 'usr_b'],
      ['ws_1', 'usr_c'],
    ]);
    const rest = await store.listAll('user', { cursor: first.nextCursor });
    expect(rest.items.map((u) => [u.workspaceId, u.id])).toEqual([['ws_2', 'usr_a']]);
    expect((await store.listAll('user', { where: { role: 'admin' } })).items.map((u) => u.workspaceId)).toEqual(['ws_1', 'ws_2']);
  });

  it('deletes idempotently, and a rollback restores puts and deletes', async () => {
    const { store, unit } = setup();
    await store.put('user', user({ name: 'Ada' }));
    unit.commit();
    await store.put('user', user({ name: 'Changed' }));
    expect(await store.delete('ws_1', 'user', 'usr_1')).toBe(true);
    expect(await store.delete('ws_1', 'user', 'usr_1')).toBe(false);
    await store.put('user', user({ id: 'usr_new' }));
    unit.rollback();
    expect((await store.list('ws_1', 'user')).items.map((u) => [u.id, u.name])).toEqual([['usr_1', 'Ada']]);
  });
});
