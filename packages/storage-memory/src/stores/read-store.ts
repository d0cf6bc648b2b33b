import type { Conversation, ReadStateStore } from '@inboxkit/core';
import { compileFilter } from '../indexes/conversation-filter.js';
import type { JournalSource } from '../journal.js';
import type { ConversationTable } from '../tables/conversation-table.js';
import type { ReadTable } from '../tables/read-table.js';

/**
 * Read state. Nothing is stored per user when a message arrives; `countUnread` is the
 * conversation count of the filter (index sizes or the smallest index) minus the user's
 * marks that still cover their conversation's last incoming message, so it walks one
 * user's marks, never the workspace's conversations.
 */
export function readStore(journal: JournalSource, table: ReadTable, conversations: ConversationTable): ReadStateStore {
  const isRead = (row: Conversation, readAt: number | null | undefined) =>
    readAt != null && (table.incomingAt(row.workspaceId, row.id) ?? row.createdAt) <= readAt;

  return {
    async noteIncoming(workspaceId, conversationId, at) {
      table.noteIncoming(journal(), workspaceId, conversationId, at);
    },
    async noteIncomingMany(workspaceId, notes) {
      for (const { conversationId, at } of notes) table.noteIncoming(journal(), workspaceId, conversationId, at);
    },
    async put(mark) {
      table.put(journal(), { ...mark });
    },
    async status(workspaceId, userId, conversationIds) {
      return [...new Set(conversationIds)].flatMap((conversationId) => {
        const row = conversations.get(workspaceId, conversationId);
        if (!row) return [];
        const readAt = table.mark(workspaceId, userId, conversationId) ?? null;
        return [{ conversationId, unread: !isRead(row, readAt), readAt }];
      });
    },
    async countUnread(workspaceId, userId, filter) {
      const matches = compileFilter(filter);
      let read = 0;
      for (const [conversationId, readAt] of table.marksOf(workspaceId, userId)) {
        const row = conversations.get(workspaceId, conversationId);
        if (row && matches(row) && isRead(row, readAt)) read++;
      }
      return conversations.count(workspaceId, filter) - read;
    },
  };
}
