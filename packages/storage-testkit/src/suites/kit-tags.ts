import type { Conversation, Page } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';
import { accepted, kitOn, type KitWorld } from './kit.js';

/** Ingests `n` conversations, one new sender each, and returns them. */
async function conversations({ kit, message }: KitWorld, n: number, from = 0): Promise<Conversation[]> {
  const made: Conversation[] = [];
  for (let i = from; i < from + n; i++) made.push(accepted(await kit.ingest(message(i))).conversation);
  return made;
}

/** Every item of every page of `list`, and the page sizes. */
async function allPages<T>(list: (cursor: string | null) => Promise<Page<T>>): Promise<{ items: T[]; sizes: number[] }> {
  const items: T[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list(cursor);
    items.push(...page.items);
    sizes.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor !== null && sizes.length < 50);
  return { items, sizes };
}

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

// Tags through a real kit: the store's tag filter (GIN on Postgres, the tag index in memory),
// and the locks that keep tag ids from dangling when tags are deleted under concurrent tagging.
export const kitTagsSuite = defineSuite('kit tags', (t) => {
  t.test('conversations.list({ tagId }) pages through the tagged conversations only, in list order, with full pages', async ({ storage }) => {
    const world = await kitOn(storage);
    const { api } = world;
    const [vip, bug] = [await api.tags.create({ name: 'VIP' }), await api.tags.create({ name: 'Bug' })];
    const made = await conversations(world, 11);
    // Every third carries VIP, some of them Bug too; every other one is Bug only or untagged.
    for (const [i, c] of made.entries()) {
      if (i % 3 === 0) await api.conversations.tag(c.id, { tagIds: i % 2 === 0 ? [vip.id, bug.id] : [vip.id] });
      else if (i % 2 === 0) await api.conversations.tag(c.id, { tagIds: [bug.id] });
    }
    await api.conversations.close(made[3]!.id); // status filters still combine with the tag
    const all = (await api.conversations.list({ status: ['open', 'closed'], limit: 50 })).items;
    const expected = ids(all.filter((c) => c.tagIds.includes(vip.id)));
    expect(expected).toHaveLength(4);

    const paged = await allPages((cursor) => api.conversations.list({ tagId: vip.id, status: ['open', 'closed'], cursor, limit: 3 }));
    expect(ids(paged.items)).toEqual(expected);
    expect(paged.sizes).toEqual([3, 1]);
    const open = await allPages((cursor) => api.conversations.list({ tagId: vip.id, status: 'open', cursor, limit: 1 }));
    expect(ids(open.items)).toEqual(expected.filter((id) => id !== made[3]!.id));
    expect(open.sizes).toEqual([1, 1, 1]);
    expect(await api.conversations.list({ tagId: 'tag_unknown' })).toEqual({ items: [], nextCursor: null });
  });

  t.test('deleting a tag takes it off every conversation, in any status, and keeps the others', async ({ storage }) => {
    const world = await kitOn(storage);
    const { api } = world;
    const [vip, bug] = [await api.tags.create({ name: 'VIP' }), await api.tags.create({ name: 'Bug' })];
    const made = await conversations(world, 6);
    for (const c of made) await api.conversations.tag(c.id, { tagIds: [vip.id, bug.id] });
    await api.conversations.close(made[0]!.id);
    await api.conversations.snooze(made[1]!.id, { until: Date.now() + 3_600_000 });

    await api.tags.delete(vip.id);
    for (const c of made) expect((await api.conversations.get(c.id)).tagIds).toEqual([bug.id]);
    const statuses = ['open', 'closed', 'snoozed'] as const;
    expect((await api.conversations.list({ tagId: vip.id, status: [...statuses] })).items).toEqual([]);
    expect((await api.conversations.list({ tagId: bug.id, status: [...statuses] })).items).toHaveLength(6);
    const events = (await api.events.read({ limit: 500 })).items;
    expect(events.filter((e) => e.type === 'conversation.untagged')).toHaveLength(6);
    expect(events.at(-1)).toMatchObject({ type: 'tag.deleted', data: { tagId: vip.id, conversationsUntagged: 6 } });
  });

  t.test('tagging while the tag is deleted leaves no conversation carrying the deleted id', async ({ storage }) => {
    const world = await kitOn(storage);
    const { api } = world;
    const doomed = await api.tags.create({ name: 'Doomed' });
    const made = await conversations(world, 8);
    await api.conversations.tag(made[0]!.id, { tagIds: [doomed.id] });
    const outcomes = await Promise.allSettled([
      ...made.slice(1, 4).map((c) => api.conversations.tag(c.id, { tagIds: [doomed.id] })),
      api.tags.delete(doomed.id),
      ...made.slice(4).map((c) => api.conversations.tag(c.id, { tagIds: [doomed.id] })),
    ]);
    // A tag call lost the race only by finding the tag gone.
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect((outcome.reason as { code?: string }).code).toBe('VALIDATION');
    }
    expect(outcomes[3]!.status).toBe('fulfilled');
    for (const c of made) expect((await api.conversations.get(c.id)).tagIds).toEqual([]);
  });

  t.test('concurrent changes: one tag per name, and no tag change lost on one conversation', async ({ storage }) => {
    const world = await kitOn(storage);
    const { api } = world;
    const creates = await Promise.allSettled(['Urgent', 'URGENT', 'urgent', 'Urgent '].map((name) => api.tags.create({ name })));
    expect(creates.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    for (const c of creates) if (c.status === 'rejected') expect((c.reason as { code?: string }).code).toBe('CONFLICT');

    const tags = await Promise.all(Array.from({ length: 6 }, (_, i) => api.tags.create({ name: `T${i}` })));
    const [conversation] = await conversations(world, 1);
    await Promise.all(tags.map((tag) => api.conversations.tag(conversation!.id, { tagIds: [tag.id] })));
    expect([...(await api.conversations.get(conversation!.id)).tagIds].sort()).toEqual(ids(tags).sort());
  });
});
