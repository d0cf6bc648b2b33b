import type { Conversation } from '@inboxkit/core';
import { byActivity, type ActivityKey } from './activity.js';
import { compareStrings } from './compare.js';
import { SortedIndex } from './sorted-index.js';
import { Tally } from './tally.js';

/** The conversation fields lists can scan by. */
export type PartitionField = 'inboxId' | 'status' | 'assigneeId' | 'teamId' | 'contactId';

/** What the tree compares: the partition fields (only the index's own is read) and the list order. */
type PartitionKey = ActivityKey & Record<PartitionField, string | null>;

const NO_VALUES: Record<PartitionField, null> = { inboxId: null, status: null, assigneeId: null, teamId: null, contactId: null };

/** `null` (unassigned, no team) sorts before every id. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareStrings(a, b);
}

/**
 * One comparator per field, each reading its field by name: a single comparator reading
 * `row[field]` would be one megamorphic keyed load shared by every index, and comparisons
 * are the hot path of every insert.
 */
const comparators: Record<PartitionField, (a: PartitionKey, b: PartitionKey) => number> = {
  inboxId: (a, b) => compareValues(a.inboxId, b.inboxId) || byActivity(a, b),
  status: (a, b) => compareValues(a.status, b.status) || byActivity(a, b),
  assigneeId: (a, b) => compareValues(a.assigneeId, b.assigneeId) || byActivity(a, b),
  teamId: (a, b) => compareValues(a.teamId, b.teamId) || byActivity(a, b),
  contactId: (a, b) => compareValues(a.contactId, b.contactId) || byActivity(a, b),
};

/**
 * Conversations grouped by one field, each group in list order: a single tree keyed by
 * `(field value, lastMessageAt desc, id desc)`, like a composite SQL index. One tree per
 * field (not one per value) keeps a high-cardinality field such as `contactId` cheap.
 * A tally per value gives a group's size, per status and spam flag, without walking it.
 */
export class PartitionedIndex {
  private readonly rows: SortedIndex<PartitionKey, Conversation>;
  private readonly tallies = new Map<string | null, Tally>();

  constructor(private readonly field: PartitionField) {
    this.rows = new SortedIndex(comparators[field]);
  }

  /** Adds a row to its value's group. */
  add(row: Conversation): void {
    const value = row[this.field];
    let tally = this.tallies.get(value);
    if (!tally) this.tallies.set(value, (tally = new Tally()));
    this.rows.add(row);
    tally.change(row, 1);
  }

  /** Removes a row (the stored one: its field value finds its group). */
  remove(row: Conversation): void {
    const value = row[this.field];
    const tally = this.tallies.get(value);
    if (!tally || !this.rows.remove(row)) return;
    tally.change(row, -1);
    if (tally.size === 0) this.tallies.delete(value);
  }

  /** The counts of a value's group, or `undefined` when no row has the value. */
  tally(value: string | null): Tally | undefined {
    return this.tallies.get(value);
  }

  /** A value's rows in list order, strictly after `after` when given. */
  *scan(value: string | null, after?: ActivityKey): Generator<Conversation, void, undefined> {
    // Without a cursor, start before the group's newest row: no row is newer than Infinity.
    const start = { ...NO_VALUES, [this.field]: value, lastMessageAt: after?.lastMessageAt ?? Infinity, id: after?.id ?? '' };
    for (const row of this.rows.scan(start)) {
      if (row[this.field] !== value) return;
      yield row;
    }
  }
}
