import { describe, expect, it } from 'vitest';
import { VolumeTally, bucketIndex } from './volume-tally.js';

// Three buckets: [0, 10), [10, 20), [20, 30).
const boundaries = [0, 10, 20, 30];

describe('bucketIndex', () => {
  it.each([
    [-5, -1],
    [0, 0],
    [9, 0],
    [10, 1],
    [29, 2],
    [30, 3],
    [99, 3],
    [null, 3],
  ])('%s → %s', (t, index) => {
    expect(bucketIndex(boundaries, t)).toBe(index);
  });
});

describe('VolumeTally', () => {
  it('counts created, closed and open at each bucket end, per channel type', () => {
    const tally = new VolumeTally(boundaries);
    tally.add('email', -5, null); // open before the window, still open: open everywhere
    tally.add('email', -5, -1); // closed before the window: counts nowhere
    tally.add('email', 2, 15); // created in 0, closed in 1: open at the end of bucket 0 only
    tally.add('chat', 12, 25); // created in 1, closed in 2
    tally.add('chat', 20, 20); // created and closed at the same instant: never open at an end
    tally.add('chat', 31, null); // created after the window: counts nowhere
    tally.add('forms', -9, -8); // a channel with nothing to count is left out
    const buckets = tally.buckets();
    expect(buckets.map(({ start, end, created, closed, open }) => ({ start, end, created, closed, open }))).toEqual([
      { start: 0, end: 10, created: 1, closed: 0, open: 2 },
      { start: 10, end: 20, created: 1, closed: 1, open: 2 },
      { start: 20, end: 30, created: 1, closed: 2, open: 1 },
    ]);
    expect(buckets.map((b) => b.channels)).toEqual([
      { chat: { created: 0, closed: 0, open: 0 }, email: { created: 1, closed: 0, open: 2 } },
      { chat: { created: 1, closed: 0, open: 1 }, email: { created: 0, closed: 1, open: 1 } },
      { chat: { created: 1, closed: 2, open: 0 }, email: { created: 0, closed: 0, open: 1 } },
    ]);
  });

  it('adds grouped counts the way SQL stores return them', () => {
    const one = new VolumeTally(boundaries);
    for (let i = 0; i < 3; i++) one.add('email', 5, 25);
    const grouped = new VolumeTally(boundaries);
    grouped.addIndexed('email', 0, 2, 3);
    expect(grouped.buckets()).toEqual(one.buckets());
  });
});
