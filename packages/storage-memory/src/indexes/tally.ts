import { conversationStatusSchema, type Conversation, type ConversationStatus } from '@inboxkit/core';

const STATUSES = conversationStatusSchema.options;
/** Each status's slot: `counts[2i]` rows with the status, `counts[2i + 1]` of those spam. */
const SLOT = new Map<ConversationStatus, number>(STATUSES.map((status, i) => [status, 2 * i]));

/**
 * Row counts of a group of conversations, split by status and spam flag: the inbox
 * views' counters ("open, unassigned", "open in this inbox", always excluding spam)
 * then come from these numbers instead of a scan. One small array per group: there is a
 * group per contact, so a map per group would cost objects per conversation.
 */
export class Tally {
  /** Rows in the group. */
  size = 0;
  private readonly counts: number[] = new Array<number>(2 * STATUSES.length).fill(0);

  /** Counts a row in (`delta` 1) or out (`delta` -1). */
  change(row: Conversation, delta: 1 | -1): void {
    const slot = SLOT.get(row.status)!;
    this.size += delta;
    this.counts[slot]! += delta;
    if (row.spam) this.counts[slot + 1]! += delta;
  }

  /** Rows with one of `statuses` (any when omitted) and the given spam flag (either when omitted). */
  count(statuses: readonly ConversationStatus[] | undefined, spam: boolean | undefined): number {
    let total = 0;
    for (const status of statuses ? new Set(statuses) : STATUSES) {
      const slot = SLOT.get(status);
      if (slot === undefined) continue;
      const size = this.counts[slot]!;
      const spammed = this.counts[slot + 1]!;
      total += spam === undefined ? size : spam ? spammed : size - spammed;
    }
    return total;
  }
}
