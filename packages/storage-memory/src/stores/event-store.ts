import { checkEventWorkspaces, checkStoreLimit, type EventStore, type InboxEvent } from '@inboxkit/core';
import type { JournalSource } from '../journal.js';
import { copy } from '../copy.js';

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
      const stored = events.map((event, i): InboxEvent => ({ ...copy(event), seq: log.length + i + 1 }));
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
