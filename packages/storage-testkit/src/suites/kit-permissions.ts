import type { Page } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';
import { kitOn } from './kit.js';

/** Follows every page of `list` and returns the ids on each page. */
async function pagesOf(list: (cursor: string | null) => Promise<Page<{ id: string }>>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: Page<{ id: string }> = await list(cursor);
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

/** `ids` in pages of `size`, as a list that looks one item ahead returns them. */
const chunked = (ids: string[], size: number) => Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));

// An agent's lists are filtered by the store query, not after paging: every page but the last
// is full, and `nextCursor` is non-null only when more items the agent may see follow.
export const kitPermissionsSuite = defineSuite('kit permissions', (t) => {
  t.test('an agent pages through only their inboxes, channels and filters, with full pages', async ({ storage }) => {
    const { api } = await kitOn(storage);
    const agent = await api.users.create({ name: 'Scoped', email: 'scoped@kit.test' });
    const mine: { inboxes: string[]; channels: string[]; filters: string[] } = { inboxes: [], channels: [], filters: [] };
    for (let n = 0; n < 9; n++) {
      // Every third inbox is the agent's, so filtering after paging would leave short or empty pages.
      const member = n % 3 === 1;
      const inbox = await api.inboxes.create({ name: `Inbox ${n}`, members: { users: member ? [agent.id] : [] } });
      const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: `ch ${n}` });
      const filter = await api.filters.create({ inboxId: inbox.id, senders: [`spam${n}@kit.test`], action: 'spam' });
      if (member) {
        mine.inboxes.push(inbox.id);
        mine.channels.push(channel.id);
        mine.filters.push(filter.id);
      }
    }
    const as = api.asUser(agent.id);
    const sorted = (ids: string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(await pagesOf((cursor) => as.inboxes.list({ cursor, limit: 2 }))).toEqual(chunked(sorted(mine.inboxes), 2));
    expect(await pagesOf((cursor) => as.channels.list({ cursor, limit: 2 }))).toEqual(chunked(sorted(mine.channels), 2));
    expect(await pagesOf((cursor) => as.filters.list({ cursor, limit: 2 }))).toEqual(chunked(sorted(mine.filters), 2));
    // One page exactly as long as what the agent sees ends there.
    expect(await as.inboxes.list({ limit: 3 })).toMatchObject({ nextCursor: null });
    // An inbox the agent is not in lists no channels (and never leaks them).
    const { items: all } = await api.inboxes.list({ limit: 50 });
    const foreign = all.find((inbox) => !mine.inboxes.includes(inbox.id))!;
    expect(await as.channels.list({ inboxId: foreign.id })).toEqual({ items: [], nextCursor: null });
    expect(await as.channels.list({ inboxId: mine.inboxes[0]! })).toMatchObject({ items: [{ id: mine.channels[0] }], nextCursor: null });
  });
});
