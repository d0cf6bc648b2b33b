import type { InboxEvent } from '@inboxkit/core';
import { copy } from './copy.js';

/**
 * The listeners of `subscribe()`, fed the events of each committed unit of work (and of
 * `subscribeSignals()`, fed each signal).
 */
export class Subscribers<T = InboxEvent> {
  /** Wrapped so one function subscribed twice is two subscriptions. */
  private readonly entries = new Set<{ readonly listener: (item: T) => void }>();

  /** Adds a listener; returns its unsubscribe function. */
  add(listener: (item: T) => void): () => Promise<void> {
    const entry = { listener };
    this.entries.add(entry);
    return async () => {
      this.entries.delete(entry);
    };
  }

  /** Drops every listener. */
  clear(): void {
    this.entries.clear();
  }

  /**
   * Hands each event, in order, to every listener as its own copy. A listener that throws
   * neither undoes the commit (it has happened) nor starves the others: its error is
   * re-thrown on a microtask, surfacing as an uncaught exception the way a throwing event
   * listener would, instead of being swallowed.
   */
  deliver(events: readonly T[]): void {
    if (events.length === 0 || this.entries.size === 0) return;
    const entries = [...this.entries];
    for (const event of events) {
      for (const entry of entries) {
        // One that unsubscribed during this delivery gets nothing more.
        if (!this.entries.has(entry)) continue;
        try {
          entry.listener(copy(event));
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  }
}
