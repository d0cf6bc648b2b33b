import { ConflictError } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { workspace } from '../../test/fixtures.js';
import { units } from '../../test/units.js';
import { workspaceStore } from './workspace-store.js';

describe('workspaceStore', () => {
  it('inserts once, updates existing rows, lists by id and rolls back', async () => {
    const unit = units();
    const store = workspaceStore(unit.journal);
    await store.insert(workspace({ id: 'ws_b' }));
    await store.insert(workspace({ id: 'ws_a' }));
    await expect(store.insert(workspace({ id: 'ws_a' }))).rejects.toSatisfy(ConflictError.isInstance);
    expect(await store.update(workspace({ id: 'ws_missing' }))).toBe(false);
    unit.commit();
    expect(await store.update(workspace({ id: 'ws_a', name: 'Renamed' }))).toBe(true);
    expect((await store.get('ws_a'))?.name).toBe('Renamed');
    const first = await store.list({ limit: 1 });
    expect(first.items.map((w) => w.id)).toEqual(['ws_a']);
    expect((await store.list({ cursor: first.nextCursor, limit: 1 })).items.map((w) => w.id)).toEqual(['ws_b']);
    await store.insert(workspace({ id: 'ws_c' }));
    unit.rollback();
    expect((await store.get('ws_a'))?.name).toBe('Acme');
    expect(await store.get('ws_c')).toBeNull();
  });

  it('rolls back by its own copy, whatever the caller does to its object', async () => {
    const unit = units();
    const store = workspaceStore(unit.journal);
    const input = workspace();
    await store.insert(input);
    input.id = 'ws_changed';
    unit.rollback();
    expect(await store.get('ws_1')).toBeNull();
    expect(await store.list({ limit: 5 })).toEqual({ items: [], nextCursor: null });
  });
});
