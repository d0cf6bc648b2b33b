import type { Conversation, ConversationFilter } from '@inboxkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversation } from '../../test/fixtures.js';
import { compileFilter } from './conversation-filter.js';
import { byActivity } from './activity.js';
import { ConversationIndex } from './conversation-index.js';

const ids = (rows: Iterable<Conversation>) => [...rows].map((row) => row.id);

function indexOf(rows: Conversation[]): ConversationIndex {
  const index = new ConversationIndex();
  for (const row of rows) index.add(row);
  return index;
}

describe('ConversationIndex', () => {
  it('orders by lastMessageAt desc, then id desc', () => {
    const index = indexOf([
      conversation({ id: 'a', lastMessageAt: 5 }),
      conversation({ id: 'b', lastMessageAt: 9 }),
      conversation({ id: 'c', lastMessageAt: 5 }),
    ]);
    expect(ids(index.plan({}).scan())).toEqual(['b', 'c', 'a']);
    expect(ids(index.plan({}).scan({ lastMessageAt: 5, id: 'c' }))).toEqual(['a']);
  });

  it('scans the smallest index the filter allows', () => {
    const rows = Array.from({ length: 100 }, (_, i) =>
      conversation({ id: `c${i}`, inboxId: i < 90 ? 'big' : 'small', assigneeId: i % 50 === 0 ? 'rare' : null }),
    );
    const index = indexOf(rows);
    expect(index.plan({}).by).toBe('all');
    expect(index.plan({ inboxIds: ['big'], assigneeId: 'rare' })).toMatchObject({ by: 'assigneeId', size: 2 });
    expect(index.plan({ inboxIds: ['small'], assigneeId: null })).toMatchObject({ by: 'inboxId', size: 10 });
    expect(index.plan({ channelType: 'email' }).by).toBe('all');
  });

  it('merges several values of one field in list order, ignoring duplicate values', () => {
    const index = indexOf([
      conversation({ id: 'a', inboxId: 'i1', lastMessageAt: 1 }),
      conversation({ id: 'b', inboxId: 'i2', lastMessageAt: 2 }),
      conversation({ id: 'c', inboxId: 'i1', lastMessageAt: 3 }),
      conversation({ id: 'd', inboxId: 'i3', lastMessageAt: 4 }),
    ]);
    const plan = index.plan({ inboxIds: ['i1', 'i2', 'i1'] });
    expect(plan.size).toBe(3);
    expect(ids(plan.scan())).toEqual(['c', 'b', 'a']);
    expect(ids(plan.scan({ lastMessageAt: 3, id: 'c' }))).toEqual(['b', 'a']);
  });

  it('an empty list of inboxes matches nothing', () => {
    const index = indexOf([conversation()]);
    expect(index.plan({ inboxIds: [] }).size).toBe(0);
    expect(ids(index.plan({ inboxIds: [] }).scan())).toEqual([]);
    expect(index.countFromSizes({ inboxIds: [] })).toBe(0);
  });

  it('scans the rows of any of several tags in list order, each row once', () => {
    const index = indexOf([
      conversation({ id: 'a', tagIds: ['t1'], lastMessageAt: 1 }),
      conversation({ id: 'b', tagIds: ['t1', 't2'], lastMessageAt: 2 }),
      conversation({ id: 'c', tagIds: [], lastMessageAt: 3 }),
      conversation({ id: 'd', tagIds: ['t2'], lastMessageAt: 4 }),
      conversation({ id: 'e', tagIds: ['t3'], lastMessageAt: 5 }),
    ]);
    const plan = index.plan({ tagIds: ['t2', 't1', 't2'] });
    expect(plan).toMatchObject({ by: 'tagIds', size: 4 });
    expect(ids(plan.scan())).toEqual(['d', 'b', 'a']);
    expect(ids(plan.scan({ lastMessageAt: 2, id: 'b' }))).toEqual(['a']);
    expect(index.plan({ tagIds: [] })).toMatchObject({ by: 'tagIds', size: 0 });
    expect(ids(index.plan({ tagIds: ['none'] }).scan())).toEqual([]);
    expect(index.countFromSizes({ tagIds: ['t1'] })).toBeUndefined();
  });

  it('moves a retagged row between tag groups', () => {
    const before = conversation({ id: 'a', tagIds: ['t1', 't2'], lastMessageAt: 1 });
    const index = indexOf([before, conversation({ id: 'b', tagIds: ['t2'], lastMessageAt: 5 })]);
    index.remove(before);
    index.add({ ...before, tagIds: ['t3'], lastMessageAt: 9 });
    expect(index.plan({ tagIds: ['t1'] }).size).toBe(0);
    expect(ids(index.plan({ tagIds: ['t2'] }).scan())).toEqual(['b']);
    expect(ids(index.plan({ tagIds: ['t3', 't2'] }).scan())).toEqual(['a', 'b']);
  });

  it('moves a replaced row between indexes and drops emptied ones', () => {
    const before = conversation({ id: 'a', assigneeId: 'u1', status: 'open', lastMessageAt: 1 });
    const after = { ...before, assigneeId: 'u2', status: 'closed' as const, lastMessageAt: 7 };
    const index = indexOf([before, conversation({ id: 'b', lastMessageAt: 5 })]);
    index.remove(before);
    index.add(after);
    expect(index.plan({ assigneeId: 'u1' }).size).toBe(0);
    expect(ids(index.plan({ assigneeId: 'u2' }).scan())).toEqual(['a']);
    expect(ids(index.plan({ statuses: ['closed'] }).scan())).toEqual(['a']);
    expect(ids(index.plan({}).scan())).toEqual(['a', 'b']);
    expect(index.size).toBe(2);
  });

  it('counts from tallies for one indexed field plus statuses and spam', () => {
    const index = indexOf([
      conversation({ id: 'a', status: 'open', spam: true }),
      conversation({ id: 'b', status: 'open' }),
      conversation({ id: 'c', status: 'closed' }),
    ]);
    expect(index.countFromSizes({})).toBe(3);
    expect(index.countFromSizes({ spam: false })).toBe(2);
    expect(index.countFromSizes({ statuses: ['open'] })).toBe(2);
    expect(index.countFromSizes({ statuses: ['open'], spam: true })).toBe(1);
    expect(index.countFromSizes({ statuses: ['open', 'closed'], spam: false })).toBe(2);
    expect(index.countFromSizes({ statuses: ['open'], assigneeId: null, spam: false })).toBe(1);
    expect(index.countFromSizes({ statuses: ['closed', 'closed'], inboxIds: ['inb_1', 'inb_1', 'inb_2'] })).toBe(1);
    expect(index.countFromSizes({ inboxIds: ['inb_1'], assigneeId: null })).toBeUndefined();
    expect(index.countFromSizes({ channelId: 'ch_1' })).toBeUndefined();
  });
});

// Small value pools so random filters hit, miss and overlap often.
const rowArbitrary = fc.record({
  lastMessageAt: fc.integer({ min: 0, max: 20 }),
  inboxId: fc.constantFrom('i1', 'i2', 'i3'),
  status: fc.constantFrom('open' as const, 'closed' as const, 'snoozed' as const),
  assigneeId: fc.constantFrom(null, 'u1', 'u2'),
  teamId: fc.constantFrom(null, 't1'),
  contactId: fc.constantFrom('c1', 'c2'),
  channelId: fc.constantFrom('ch1', 'ch2'),
  spam: fc.boolean(),
  tagIds: fc.subarray(['t1', 't2', 't3']),
});

const filterArbitrary: fc.Arbitrary<ConversationFilter> = fc.record(
  {
    inboxIds: fc.subarray(['i1', 'i2', 'i3', 'i4']),
    statuses: fc.subarray(['open' as const, 'closed' as const, 'snoozed' as const]),
    assigneeId: fc.constantFrom(null, 'u1', 'u2'),
    teamId: fc.constantFrom(null, 't1'),
    contactId: fc.constantFrom('c1', 'c2'),
    channelId: fc.constantFrom('ch1', 'ch2'),
    spam: fc.boolean(),
    tagIds: fc.subarray(['t1', 't2', 't3', 't4']),
  },
  { requiredKeys: [] },
);

describe('ConversationIndex against a plain sort and filter', () => {
  it('lists and counts what a full scan would, after random replacements', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 60 }), fc.array(rowArbitrary, { maxLength: 20 }), filterArbitrary, (rows, edits, filter) => {
        const stored = rows.map((fields, i) => conversation({ ...fields, id: `conv_${String(i).padStart(3, '0')}` }));
        const index = indexOf(stored);
        edits.forEach((fields, i) => {
          const target = stored[i];
          if (!target) return;
          const next = { ...target, ...fields };
          index.remove(target);
          index.add(next);
          stored[i] = next;
        });
        const expected = stored.filter(compileFilter(filter)).sort(byActivity);
        const matches = compileFilter(filter);
        expect(ids([...index.plan(filter).scan()].filter(matches))).toEqual(ids(expected));
        const fromSizes = index.countFromSizes(filter);
        if (fromSizes !== undefined) expect(fromSizes).toBe(expected.length);
      }),
    );
  });
});
