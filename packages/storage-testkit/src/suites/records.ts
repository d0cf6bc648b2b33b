import type { Page, RecordKind, RecordRead, RecordWhere, StorageRecordTypes, Team, Workspace } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite, type SuiteApi } from '../harness.js';
import { byId, collectPages, idsOf } from '../helpers.js';

/** How to build a record of one kind and a changed version of it. */
interface KindCase<K extends RecordKind> {
  build(ws: Workspace): StorageRecordTypes[K];
  change(record: StorageRecordTypes[K]): StorageRecordTypes[K];
}

// The same round-trip checks for every kind: a store may keep kinds in separate tables.
function kindTests<K extends RecordKind>(t: SuiteApi, kind: K, c: KindCase<K>): void {
  t.test(`${kind}: put then get returns the record`, async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const record = c.build(ws);
    await storage.records.put(kind, record);
    expect(await storage.records.get(ws.id, kind, record.id)).toEqual(record);
  });

  t.test(`${kind}: put of an existing id replaces it, and repeating it changes nothing`, async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const record = c.build(ws);
    await storage.records.put(kind, record);
    const changed = c.change(record);
    await storage.records.put(kind, changed);
    await storage.records.put(kind, changed);
    expect(await storage.records.get(ws.id, kind, record.id)).toEqual(changed);
    expect((await storage.records.list(ws.id, kind)).items).toEqual([changed]);
  });
}

/** Teams shaped for `where` tests: [support root, sales child, support child, billing root]. */
function whereTeams(ws: Workspace): Team[] {
  const root = fixtures.team(ws, { name: 'Support', createdAt: FIXTURE_TIME });
  return [
    root,
    fixtures.team(ws, { name: 'Sales', parentTeamId: root.id, createdAt: FIXTURE_TIME + 1 }),
    fixtures.team(ws, { name: 'Support', parentTeamId: root.id, createdAt: FIXTURE_TIME + 2 }),
    fixtures.team(ws, { name: 'Billing', parentTeamId: null, createdAt: FIXTURE_TIME + 1 }),
  ];
}

const whereCases: Array<{ name: string; where: (teams: Team[]) => RecordWhere; expected: number[] }> = [
  { name: 'a string field', where: () => ({ name: 'Support' }), expected: [0, 2] },
  { name: 'a null field', where: () => ({ parentTeamId: null }), expected: [0, 3] },
  { name: 'a field equal to an id', where: (teams) => ({ parentTeamId: teams[0]!.id }), expected: [1, 2] },
  { name: 'a number field', where: () => ({ createdAt: FIXTURE_TIME + 1 }), expected: [1, 3] },
  { name: 'several fields (all must match)', where: (teams) => ({ name: 'Support', parentTeamId: teams[0]!.id }), expected: [2] },
  { name: 'a value nobody has', where: () => ({ name: 'Nobody' }), expected: [] },
  { name: 'one of several ids', where: (teams) => ({ id: [teams[1]!.id, teams[3]!.id, 'team_missing'] }), expected: [1, 3] },
  { name: 'one of several values of a field', where: () => ({ name: ['Sales', 'Billing'] }), expected: [1, 3] },
  { name: 'an empty one-of list (matches nothing)', where: () => ({ id: [] }), expected: [] },
  { name: 'a one-of list and a field (both must match)', where: (teams) => ({ id: [teams[0]!.id, teams[1]!.id, teams[2]!.id], name: 'Support' }), expected: [0, 2] },
];

export const recordsSuite = defineSuite('records', (t) => {
  kindTests(t, 'user', {
    build: (ws) => fixtures.user(ws, { capacity: { default: 5, inboxes: { inbox_a: 2 } } }),
    change: (user) => ({ ...user, availability: 'away', capacity: { default: null, inboxes: {} } }),
  });
  kindTests(t, 'team', {
    build: (ws) => fixtures.team(ws, { memberIds: ['user_a', 'user_b'] }),
    change: (team) => ({ ...team, name: 'Tier 2', memberIds: ['user_b'] }),
  });
  kindTests(t, 'inbox', {
    build: (ws) => fixtures.inbox(ws, { members: { users: ['user_a'], teams: ['team_a'] } }),
    change: (inbox) => ({ ...inbox, name: 'Sales', members: { users: [], teams: ['team_b'] } }),
  });
  kindTests(t, 'channel', {
    build: (ws) => fixtures.channel(ws),
    change: (channel) => ({ ...channel, status: 'disconnected', config: { address: 'sales@acme.example.com' } }),
  });

  t.test('get returns null for a missing id and for an id stored under another kind', async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const team = fixtures.team(ws);
    await storage.records.put('team', team);
    expect(await storage.records.get(ws.id, 'team', 'team_missing')).toBeNull();
    expect(await storage.records.get(ws.id, 'user', team.id)).toBeNull();
  });

  t.test('kinds are separate: the same id under two kinds is two records', async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const user = fixtures.user(ws, { id: 'shared_id' });
    const team = fixtures.team(ws, { id: 'shared_id' });
    await storage.records.put('user', user);
    await storage.records.put('team', team);
    expect(await storage.records.get(ws.id, 'user', 'shared_id')).toEqual(user);
    expect(await storage.records.get(ws.id, 'team', 'shared_id')).toEqual(team);
    expect((await storage.records.list(ws.id, 'user')).items).toEqual([user]);
  });

  t.test('list orders by id and paginates; without limit it returns all', async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const users = Array.from({ length: 5 }, () => fixtures.user(ws));
    for (const user of [...users].reverse()) await storage.records.put('user', user);
    const sorted = [...users].sort(byId);

    const all = await storage.records.list(ws.id, 'user');
    expect(all.items).toEqual(sorted);
    expect(all.nextCursor).toBeNull();
    const { items, pages } = await collectPages((cursor) => storage.records.list(ws.id, 'user', { cursor, limit: 2 }), 2);
    expect(idsOf(items)).toEqual(idsOf(sorted));
    expect(pages).toBe(3);
  });

  for (const c of whereCases) {
    t.test(`list where: ${c.name}`, async ({ storage }) => {
      const ws = fixtures.workspace();
      await storage.workspaces.insert(ws);
      const teams = whereTeams(ws);
      for (const team of teams) await storage.records.put('team', team);
      const expected = c.expected.map((i) => teams[i]!).sort(byId);

      const all = await storage.records.list(ws.id, 'team', { where: c.where(teams) });
      expect(idsOf(all.items)).toEqual(idsOf(expected));
      const paged = await collectPages((cursor) => storage.records.list(ws.id, 'team', { where: c.where(teams), cursor, limit: 1 }), 1);
      expect(idsOf(paged.items)).toEqual(idsOf(expected));
    });
  }

  t.test('a one-of filter is applied before paging: pages are full and the last has no nextCursor', async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const teams = Array.from({ length: 12 }, () => fixtures.team(ws));
    for (const team of teams) await storage.records.put('team', team);
    // Every third team, so a filter applied after paging would leave pages short or empty.
    const wanted = teams.filter((_, i) => i % 3 === 0).sort(byId);
    const pages = [];
    let cursor: string | null = null;
    do {
      const page: Page<Team> = await storage.records.list(ws.id, 'team', { where: { id: idsOf(wanted) }, cursor, limit: 2 });
      pages.push(idsOf(page.items));
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([idsOf(wanted.slice(0, 2)), idsOf(wanted.slice(2, 4))]);
  });

  t.test('listAll spans workspaces ordered by (workspaceId, id), with where and pages', async ({ storage }) => {
    const [wsA, wsB] = [fixtures.workspace(), fixtures.workspace()];
    const channels = [wsB, wsA, wsB, wsA].map((ws, i) => fixtures.channel(ws, { type: i === 3 ? 'chat' : 'email' }));
    for (const ws of [wsA, wsB]) await storage.workspaces.insert(ws);
    for (const channel of channels) await storage.records.put('channel', channel);
    await storage.records.put('inbox', fixtures.inbox(wsA)); // another kind: never listed

    const order = (a: { workspaceId: string; id: string }, b: { workspaceId: string; id: string }) =>
      a.workspaceId < b.workspaceId ? -1 : a.workspaceId > b.workspaceId ? 1 : byId(a, b);
    const { items } = await collectPages((cursor) => storage.records.listAll('channel', { cursor, limit: 3 }), 3);
    expect(items).toEqual([...channels].sort(order));
    const email = await storage.records.listAll('channel', { where: { type: 'email' } });
    expect(idsOf(email.items)).toEqual(idsOf(channels.filter((c) => c.type === 'email').sort(order)));
  });

  t.test('readMany (optional) answers each read, in order, as get or list({ where }) would', async ({ storage, skip }) => {
    if (!storage.records.readMany) return skip('store has no records.readMany');
    const [ws, other] = [fixtures.workspace(), fixtures.workspace()];
    for (const w of [ws, other]) await storage.workspaces.insert(w);
    const teams = whereTeams(ws);
    for (const team of [...teams].reverse()) await storage.records.put('team', team);
    const user = fixtures.user(ws);
    await storage.records.put('user', user);
    // Another workspace's records under the same ids and fields: never part of an answer.
    for (const team of whereTeams(other)) await storage.records.put('team', team);
    await storage.records.put('team', { ...teams[0]!, workspaceId: other.id });
    const reads: RecordRead[] = [
      { kind: 'team', id: teams[1]!.id },
      { kind: 'team', id: 'team_missing' },
      { kind: 'user', id: teams[0]!.id },
      { kind: 'user' },
      ...whereCases.map((c): RecordRead => ({ kind: 'team', where: c.where(teams) })),
    ];
    const answers = await storage.records.readMany(ws.id, reads);
    expect(answers).toEqual([
      [teams[1]],
      [],
      [],
      [user],
      ...whereCases.map((c) => c.expected.map((i) => teams[i]!).sort(byId)),
    ]);
    expect(await storage.records.readMany(ws.id, [])).toEqual([]);
  });

  t.test('readMany in a transaction sees its writes, and nothing of them after a rollback', async ({ storage, skip }) => {
    if (!storage.records.readMany) return skip('store has no records.readMany');
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const [kept, added] = [fixtures.team(ws, { name: 'Kept' }), fixtures.team(ws, { name: 'Added' })];
    await storage.records.put('team', kept);
    const reads: RecordRead[] = [{ kind: 'team', id: added.id }, { kind: 'team', where: { name: ['Kept', 'Added'] } }];
    await expect(storage.transaction(async (tx) => {
      await tx.records.put('team', added);
      await tx.records.delete(ws.id, 'team', kept.id);
      expect(await tx.records.readMany!(ws.id, reads)).toEqual([[added], [added]]);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await storage.records.readMany(ws.id, reads)).toEqual([[], [kept]]);
  });

  t.test('delete removes the record, returns true once and then false', async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const [kept, removed] = [fixtures.team(ws), fixtures.team(ws)];
    await storage.records.put('team', kept);
    await storage.records.put('team', removed);

    expect(await storage.records.delete(ws.id, 'user', removed.id)).toBe(false); // wrong kind
    expect(await storage.records.delete(ws.id, 'team', removed.id)).toBe(true);
    expect(await storage.records.delete(ws.id, 'team', removed.id)).toBe(false);
    expect(await storage.records.get(ws.id, 'team', removed.id)).toBeNull();
    expect((await storage.records.list(ws.id, 'team')).items).toEqual([kept]);
  });
});
