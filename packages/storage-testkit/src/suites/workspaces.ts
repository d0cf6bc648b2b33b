import { expect } from 'vitest';
import { fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { byId, collectPages, expectConflict, idsOf } from '../helpers.js';

export const workspacesSuite = defineSuite('workspaces', (t) => {
  t.test('insert then get returns the workspace', async ({ storage }) => {
    const workspace = fixtures.workspace({ name: 'Globex' });
    await storage.workspaces.insert(workspace);
    expect(await storage.workspaces.get(workspace.id)).toEqual(workspace);
  });

  t.test('get returns null (not undefined) for a missing workspace', async ({ storage }) => {
    expect(await storage.workspaces.get('ws_missing')).toBeNull();
  });

  t.test('insert throws CONFLICT when the id exists and keeps the first', async ({ storage }) => {
    const workspace = fixtures.workspace({ name: 'First' });
    await storage.workspaces.insert(workspace);
    await expectConflict(storage.workspaces.insert({ ...workspace, name: 'Second' }), 'inserting a duplicate workspace id');
    expect(await storage.workspaces.get(workspace.id)).toEqual(workspace);
  });

  t.test('update replaces an existing workspace and returns true', async ({ storage }) => {
    const workspace = fixtures.workspace({ name: 'Before' });
    await storage.workspaces.insert(workspace);
    const updated = { ...workspace, name: 'After', updatedAt: workspace.updatedAt + 1000 };
    expect(await storage.workspaces.update(updated)).toBe(true);
    expect(await storage.workspaces.get(workspace.id)).toEqual(updated);
  });

  t.test('update returns false for a missing workspace and creates nothing', async ({ storage }) => {
    const workspace = fixtures.workspace();
    expect(await storage.workspaces.update(workspace)).toBe(false);
    expect(await storage.workspaces.get(workspace.id)).toBeNull();
  });

  t.test('list returns every workspace ordered by id across pages', async ({ storage }) => {
    // Six at two per page: the last page is full, and must still end with a null cursor.
    const workspaces = Array.from({ length: 6 }, () => fixtures.workspace());
    // Inserted out of order so insertion order cannot pass for id order.
    for (const ws of [...workspaces].reverse()) await storage.workspaces.insert(ws);

    const { items, pages } = await collectPages((cursor) => storage.workspaces.list({ cursor, limit: 2 }), 2);
    expect(idsOf(items)).toEqual(idsOf([...workspaces].sort(byId)));
    expect(pages).toBe(3);
    expect(items).toEqual([...workspaces].sort(byId));
  });

  t.test('list fits in one page with a null nextCursor', async ({ storage }) => {
    const workspaces = [fixtures.workspace(), fixtures.workspace()];
    for (const ws of workspaces) await storage.workspaces.insert(ws);
    const page = await storage.workspaces.list({ limit: 10 });
    expect(idsOf(page.items)).toEqual(idsOf(workspaces.sort(byId)));
    expect(page.nextCursor).toBeNull();
  });
});
