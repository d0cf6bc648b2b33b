import type { Conversation, ConversationStatus } from '@inboxkit/core';

/** How many of a group's rows have a status, and how many of those are spam. */
interface StatusCount {
  size: number;
  spam: number;
}

/**
 * Row counts of a group of conversations, split by status and spam flag: the inbox
 * views' counters ("open, unassigned", "open in this inbox", always excluding spam)
 * then come from these numbers instead of a scan.
 */
export class Tally {
  /** Rows in the group. */
  size = 0;
  private readonly statuses = new Map<ConversationStatus, StatusCount>();

  /** Counts a row in (`delta` 1) or out (`delta` -1). */
  change(row: Conversation, delta: 1 | -1): void {
    let count = this.statuses.get(row.status);
    if (!count) this.statuses.set(row.status, (count = { size: 0, spam: 0 }));
    this.size += delta;
    count.size += delta;
    if (row.spam) count.spam += delta;
  }

  /** Rows with one of `statuses` (any when omitted) and the given spam flag (either when omitted). */
  count(statuses: readonly ConversationStatus[] | undefined, spam: boolean | undefined): number {
    let total = 0;
    const counts = statuses ? new Set(statuses) : this.statuses.keys();
    for (const status of counts) {
      const count = this.statuses.get(status);
      if (count) total += spam === undefined ? count.size : spam ? count.spam : count.size - count.spam;
    }
    return total;
  }
}
