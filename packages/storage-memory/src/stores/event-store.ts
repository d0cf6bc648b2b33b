import { checkEventWorkspaces, checkStoreLimit, type EventStore, type InboxEvent } from '@inboxkit/core';
import type { JournalSource } from '../journal.js';
import { copy, copyToStore } from '../copy.js';

/**
 * The per-workspace event log: an array per workspace where an event's `seq` is its
 * index + 1, so reading after a `seq` is a slice. Appends are journaled (a rollback
 * truncates) and handed to subscribers when their unit of work commits.
 */
export function eventStore(journal: JournalSource): EventStore {
  const logs = new Map<string, InboxEvent[]>();

  return {
    async append(workspaceId, events) {
      checkEventWorkspaces(workspaceId, events);
      let log = logs.get(workspaceId);
      if (!log) logs.set(workspaceId, (log = []));
      // Built field by field: one object of a fixed shape per event (a spread plus `seq`
      // would allocate a second backing store for the added field), and events are many.
      const stored = events.map(
        (event, i): InboxEvent => ({ id: event.id, seq: log.length + i + 1, type: event.type, workspaceId: event.workspaceId, at: event.at, data: copyToStore(event.data) }),
      );
      const length = log.length;
      log.push(...stored);
      journal().record(() => {
        log.length = length;
      });
      journal().noteAppended(stored);
      return copy(stored);
    },
    async read(workspaceId, { after = 0, limit }) {
      checkStoreLimit(limit);
      const start = Math.max(0, Math.floor(after));
      return copy(logs.get(workspaceId)?.slice(start, start + limit) ?? []);
    },
  };
}
