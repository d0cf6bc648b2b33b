import type { Conversation, ConversationFilter } from '@inboxkit/core';
import { byActivity, type ActivityKey } from './activity.js';
import { mergeSorted } from './iterate.js';
import { PartitionedIndex, type PartitionField } from './partitioned-index.js';
import { SortedIndex } from './sorted-index.js';
import { TagIndex } from './tag-index.js';
import { Tally } from './tally.js';
import { byClosed, byCreated, type ClosedKey, type CreatedKey } from './timestamps.js';

/** One indexed condition of a filter: the field, and the values it accepts. */
interface IndexedCondition {
  readonly field: PartitionField;
  readonly values: (string | null)[];
}

/** The indexed conditions a filter has. */
function indexedConditions(filter: ConversationFilter): IndexedCondition[] {
  const conditions: IndexedCondition[] = [];
  // Duplicates would make a merge yield a row twice and a count add a group twice.
  if (filter.inboxIds !== undefined) conditions.push({ field: 'inboxId', values: [...new Set(filter.inboxIds)] });
  if (filter.statuses !== undefined) conditions.push({ field: 'status', values: [...new Set(filter.statuses)] });
  if (filter.assigneeId !== undefined) conditions.push({ field: 'assigneeId', values: [filter.assigneeId] });
  if (filter.teamId !== undefined) conditions.push({ field: 'teamId', values: [filter.teamId] });
  if (filter.contactId !== undefined) conditions.push({ field: 'contactId', values: [filter.contactId] });
  return conditions;
}

/** The rows a query scans, in list order: the whole list, or one or a few disjoint groups of an index. */
export interface ScanPlan {
  /** How many rows the scan holds at most (what choosing a plan minimizes). */
  readonly size: number;
  /** The index scanned: `all`, or the field it groups by. */
  readonly by: PartitionField | 'tagIds' | 'all';
  /** Rows in list order, strictly after `after` when given. */
  scan(after?: ActivityKey): Iterable<Conversation>;
}

/**
 * The conversations of one workspace in list order, plus an index per filter field
 * (inbox, status, assignee incl. unassigned, team incl. none, contact, tags). A query scans the
 * smallest group its filter allows and tests the other conditions per row. A replaced row
 * is removed with its old values and added with its new ones, so it moves between groups.
 * Every group also tallies its rows by status and spam flag, so the counts inbox views
 * show (one field, plus statuses and spam) need no scan.
 */
export class ConversationIndex {
  private readonly all = new SortedIndex<ActivityKey, Conversation>(byActivity);
  private readonly allTally = new Tally();
  private readonly byField: Record<PartitionField, PartitionedIndex> = {
    inboxId: new PartitionedIndex('inboxId'),
    status: new PartitionedIndex('status'),
    assigneeId: new PartitionedIndex('assigneeId'),
    teamId: new PartitionedIndex('teamId'),
    contactId: new PartitionedIndex('contactId'),
  };
  private readonly fieldIndexes = Object.values(this.byField);
  private readonly tags = new TagIndex();
  /** By creation time, for analytics windows and the export. */
  private readonly created = new SortedIndex<CreatedKey, Conversation>(byCreated);
  /** By close time (never closed last), for analytics windows. */
  private readonly closed = new SortedIndex<ClosedKey, Conversation>(byClosed);

  /** Number of conversations. */
  get size(): number {
    return this.all.size;
  }

  /** Adds a row to every index. */
  add(row: Conversation): void {
    this.all.add(row);
    this.allTally.change(row, 1);
    for (const index of this.fieldIndexes) index.add(row);
    this.tags.add(row);
    this.created.add(row);
    this.closed.add(row);
  }

  /** Removes a stored row from every index. */
  remove(row: Conversation): void {
    if (!this.all.remove(row)) return;
    this.allTally.change(row, -1);
    for (const index of this.fieldIndexes) index.remove(row);
    this.tags.remove(row);
    this.created.remove(row);
    this.closed.remove(row);
  }

  /** Rows created in `[from, to)`, oldest first, strictly after `after` when given. */
  *createdBetween(from: number, to: number, after?: CreatedKey): Generator<Conversation, void, undefined> {
    // The empty id sorts before every id: the scan starts at the first row created at `from`.
    for (const row of this.created.scan(after ?? { createdAt: from, id: '' })) {
      if (row.createdAt >= to) return;
      // A cursor from another window may sit before `from`.
      if (row.createdAt >= from) yield row;
    }
  }

  /** Rows closed at or after `from`, earliest first, then the rows never closed (`closedAt` null). */
  *closedFrom(from: number): Generator<Conversation, void, undefined> {
    yield* this.closed.scan({ closedAt: from, id: '' });
  }

  /** The cheapest scan covering every row `filter` can match. */
  plan(filter: ConversationFilter): ScanPlan {
    const all = this.all;
    let best: ScanPlan = { size: all.size, by: 'all', scan: (after) => all.scan(after) };
    for (const { field, values } of indexedConditions(filter)) {
      const index = this.byField[field];
      const size = values.reduce((sum, value) => sum + (index.tally(value)?.size ?? 0), 0);
      if (size < best.size) {
        const scan = (after?: ActivityKey) => mergeSorted(values.map((value) => index.scan(value, after)), byActivity);
        best = { size, by: field, scan };
      }
    }
    const { tagIds } = filter;
    if (tagIds !== undefined) {
      // An upper bound (a row with two of the tags counts twice): enough to compare plans.
      const size = [...new Set(tagIds)].reduce((sum, tagId) => sum + this.tags.size(tagId), 0);
      if (size < best.size) best = { size, by: 'tagIds', scan: (after) => this.tags.scan(tagIds, after) };
    }
    return best;
  }

  /**
   * The number of matches when tallies give it without a scan: at most one indexed
   * condition besides `statuses`, plus optionally `statuses` and `spam`, and nothing else
   * (tags are not tallied by status: a tag filter is counted by its scan).
   * `undefined` otherwise.
   */
  countFromSizes(filter: ConversationFilter): number | undefined {
    if (filter.channelType !== undefined || filter.channelId !== undefined || filter.tagIds !== undefined || filter.lastMessageAt !== undefined) return undefined;
    const [only, ...others] = indexedConditions(filter).filter((condition) => condition.field !== 'status');
    if (others.length > 0) return undefined;
    // Values are distinct and a row has one value per field, so the groups' counts add up.
    const tallies = only ? only.values.map((value) => this.byField[only.field].tally(value)) : [this.allTally];
    return tallies.reduce((sum, tally) => sum + (tally?.count(filter.statuses, filter.spam) ?? 0), 0);
  }
}
