import type { InboxEvent } from '@inboxkit/core';
import type { SortedIndex } from './indexes/sorted-index.js';

/**
 * The undo log of one unit of work (a transaction, or a single call outside one).
 * Every write records how to reverse itself; rolling back replays those in reverse
 * order, which restores rows and every index they were in. Events appended in the unit
 * are kept aside until commit, when they go to subscribers.
 */
export class Journal {
  private readonly undos: (() => void)[] = [];
  private readonly newEvents: InboxEvent[] = [];

  /** Records how to reverse a write that was just made. */
  record(undo: () => void): void {
    this.undos.push(undo);
  }

  /** Notes events appended in this unit (the stored objects; subscribers get copies). */
  noteAppended(events: readonly InboxEvent[]): void {
    this.newEvents.push(...events);
  }

  /** Events appended in this unit so far, in `seq` order per workspace. */
  get appendedEvents(): readonly InboxEvent[] {
    return this.newEvents;
  }

  /** Reverses every write of the unit, newest first, and forgets its events. */
  rollback(): void {
    for (const undo of this.undos.splice(0).reverse()) undo();
    this.newEvents.length = 0;
  }
}

/** How a store finds the journal of the unit of work it is called in. */
export type JournalSource = () => Journal;

/** A table whose only write replaces (or removes) one row, keeping its indexes in step. */
export interface ReplaceableTable<R> {
  replace(workspaceId: string, id: string, next: R | undefined): R | undefined;
}

/** A table that also takes rows known to be new (the store checked): no row to look for and take out first. */
export interface InsertableTable<R extends { workspaceId: string; id: string }> extends ReplaceableTable<R> {
  insert(row: R): void;
}

/**
 * Inserts the row `toRow` makes of each input (it checks the input against the table, the
 * batch's earlier rows included, and throws to refuse it), and journals one undo for the whole
 * batch: removing what went in, newest first (instead of a closure and a lookup of the previous
 * row per row).
 */
export function insertRows<I, R extends { workspaceId: string; id: string }>(
  journal: Journal,
  table: InsertableTable<R>,
  inputs: Iterable<I>,
  toRow: (input: I) => R,
): void {
  const inserted: R[] = [];
  journal.record(() => {
    for (let i = inserted.length - 1; i >= 0; i--) table.replace(inserted[i]!.workspaceId, inserted[i]!.id, undefined);
  });
  for (const input of inputs) {
    const row = toRow(input);
    table.insert(row);
    inserted.push(row);
  }
}

/** Replaces a row of `table` and journals putting the previous one back. Returns the previous row. */
export function replaceRow<R>(journal: Journal, table: ReplaceableTable<R>, workspaceId: string, id: string, next: R | undefined): R | undefined {
  const previous = table.replace(workspaceId, id, next);
  journal.record(() => table.replace(workspaceId, id, previous));
  return previous;
}

/** Stores `next` in a sorted index under `key` (removes the row when `undefined`), journaling the undo. */
export function writeIndexed<K, T extends K>(journal: Journal, index: SortedIndex<K, T>, key: K, next: T | undefined): void {
  const previous = index.find(key);
  if (next) index.add(next);
  else index.remove(key);
  journal.record(() => {
    if (previous) index.add(previous);
    else index.remove(key);
  });
}
