import { describe, expect, it } from 'vitest';
import { event } from '../test/fixtures.js';
import { Journal } from './journal.js';

describe('Journal', () => {
  it('undoes writes in reverse order', () => {
    const journal = new Journal();
    const log: number[] = [];
    for (const n of [1, 2, 3]) journal.record(() => log.push(n));
    journal.rollback();
    expect(log).toEqual([3, 2, 1]);
    journal.rollback();
    expect(log).toEqual([3, 2, 1]); // nothing is undone twice
  });

  it('forgets the unit’s events on rollback', () => {
    const journal = new Journal();
    journal.noteAppended([{ ...event(), seq: 1 }]);
    expect(journal.appendedEvents).toHaveLength(1);
    journal.rollback();
    expect(journal.appendedEvents).toEqual([]);
  });
});
