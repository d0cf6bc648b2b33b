import { checkStoreLimit, ConflictError, type Message, type TimelineItem, type TimelineStore } from '@inboxkit/core';
import { insertRows, replaceRow, type JournalSource } from '../journal.js';
import { readCursor, takePage } from '../page.js';
import { TimelineTable, byTime } from '../tables/timeline-table.js';
import { copy, copyToStore } from '../copy.js';

function copyOut<T extends TimelineItem>(row: T | undefined): T | null {
  return row ? copy(row) : null;
}

/**
 * Messages and comments: per-conversation timelines, channel-id lookups, and the send outbox.
 * Pass `table` to share it with other readers (analytics).
 */
export function timelineStore(journal: JournalSource, table = new TimelineTable()): TimelineStore {
  const write = (workspaceId: string, id: string, next: TimelineItem | undefined) =>
    replaceRow(journal(), table, workspaceId, id, next);

  /** `(workspaceId, channelId, externalId)` is unique among messages: it is what makes ingest idempotent. */
  const checkExternalIdFree = (item: TimelineItem) => {
    if (item.kind !== 'message' || item.externalId === null) return;
    const holder = table.byChannelId(item.workspaceId, item.channelId, item.externalId);
    if (holder && holder.id !== item.id) {
      throw new ConflictError(`a message with external id "${item.externalId}" already exists in channel "${item.channelId}"`);
    }
  };

  const toRow = (item: TimelineItem) => {
    if (table.get(item.workspaceId, item.id)) throw new ConflictError(`timeline item "${item.id}" already exists`);
    checkExternalIdFree(item);
    return copyToStore(item);
  };

  return {
    async insert(item) {
      insertRows(journal(), table, [item], toRow);
    },
    // A throw part way rolls back the call's unit of work: none of the items stays.
    async insertMany(items) {
      insertRows(journal(), table, items, toRow);
    },
    async update(item) {
      if (!table.get(item.workspaceId, item.id)) return false;
      checkExternalIdFree(item);
      write(item.workspaceId, item.id, copyToStore(item));
      return true;
    },
    async get(workspaceId, id) {
      return copyOut(table.get(workspaceId, id));
    },
    async list(workspaceId, conversationId, { cursor, limit }) {
      const after = readCursor(cursor, ['number', 'string']);
      const start = after ? { createdAt: after[0], id: after[1] } : undefined;
      return takePage(table.conversation(workspaceId, conversationId, start), limit, (row) => [row.createdAt, row.id]);
    },
    async findByExternalId(workspaceId, channelId, externalId) {
      return copyOut(table.byChannelId(workspaceId, channelId, externalId));
    },
    async findManyByExternalId(workspaceId, channelId, externalIds) {
      const found: Message[] = [];
      for (const externalId of new Set(externalIds)) {
        const message = table.byChannelId(workspaceId, channelId, externalId);
        if (message) found.push(copy(message));
      }
      return found;
    },
    async findByExternalIds(workspaceId, externalIds) {
      let newest: Message | undefined;
      for (const externalId of externalIds) {
        for (const message of table.byExternalId(workspaceId, externalId)) {
          if (!newest || byTime(message, newest) > 0) newest = message;
        }
      }
      return copyOut(newest);
    },
    async listPending(before, limit) {
      checkStoreLimit(limit);
      const pending: Message[] = [];
      for (const message of table.pendingBefore(before)) {
        if (pending.length === limit) break;
        pending.push(copy(message));
      }
      return pending;
    },
  };
}
