import type { Conversation } from '@inboxkit/core';
import { byActivity, type ActivityKey } from './activity.js';
import { compareStrings } from './compare.js';
import { mergeSorted } from './iterate.js';
import { SortedIndex } from './sorted-index.js';

/** What the tree compares: a tag, then the list order. */
type TagKey = ActivityKey & { tagId: string };

/** One (tag, conversation) pair: a conversation with three tags has three entries. */
interface TagEntry extends TagKey {
  readonly row: Conversation;
}

const byTag = (a: TagKey, b: TagKey): number => compareStrings(a.tagId, b.tagId) || byActivity(a, b);

/**
 * Conversations grouped by tag, each group in list order: one tree keyed by
 * `(tagId, lastMessageAt desc, id desc)`, the memory twin of Postgres's GIN index on
 * `tag_ids`. A field with several values per row cannot live in a `PartitionedIndex` (one
 * value per row), so each tag of a row gets its own entry.
 */
export class TagIndex {
  private readonly entries = new SortedIndex<TagKey, TagEntry>(byTag);
  private readonly sizes = new Map<string, number>();

  /** Adds a row under each of its tags. */
  add(row: Conversation): void {
    for (const tagId of row.tagIds) {
      this.entries.add({ tagId, lastMessageAt: row.lastMessageAt, id: row.id, row });
      this.sizes.set(tagId, (this.sizes.get(tagId) ?? 0) + 1);
    }
  }

  /** Removes a stored row (the stored one: its tags and activity find its entries). */
  remove(row: Conversation): void {
    for (const tagId of row.tagIds) {
      if (!this.entries.remove({ tagId, lastMessageAt: row.lastMessageAt, id: row.id })) continue;
      const size = (this.sizes.get(tagId) ?? 1) - 1;
      if (size === 0) this.sizes.delete(tagId);
      else this.sizes.set(tagId, size);
    }
  }

  /** How many rows carry `tagId`. */
  size(tagId: string): number {
    return this.sizes.get(tagId) ?? 0;
  }

  /** The rows carrying any of `tagIds`, in list order, each once, strictly after `after` when given. */
  *scan(tagIds: readonly string[], after?: ActivityKey): Generator<Conversation, void, undefined> {
    const groups = [...new Set(tagIds)].map((tagId) => this.group(tagId, after));
    // A row with two of the tags is in two groups; the merged stream is in list order, so its
    // copies are adjacent and one comparison drops the repeat.
    let previous: Conversation | undefined;
    for (const row of mergeSorted(groups, byActivity)) {
      if (previous?.id !== row.id) yield row;
      previous = row;
    }
  }

  private *group(tagId: string, after?: ActivityKey): Generator<Conversation, void, undefined> {
    // Without a cursor, start before the group's newest row: no row is newer than Infinity.
    const start = { tagId, lastMessageAt: after?.lastMessageAt ?? Infinity, id: after?.id ?? '' };
    for (const entry of this.entries.scan(start)) {
      if (entry.tagId !== tagId) return;
      yield entry.row;
    }
  }
}
