import { checkStoreLimit, encodeCursor, timelineFacts, type ConversationExportRow, type ExportQuery, type Page } from '@inboxkit/core';
import { readCursor } from '../page.js';
import { analyticsFilter, type AnalyticsTables } from './tables.js';

/** The facts of a conversation without timeline items. */
const NO_ITEMS = timelineFacts([]);

/** One export page: the creation index from the cursor on, each row's facts as the timeline table keeps them. */
export function exportConversations(tables: AnalyticsTables, workspaceId: string, query: ExportQuery): Page<ConversationExportRow> {
  checkStoreLimit(query.limit);
  const after = readCursor(query.cursor, ['number', 'string']);
  const index = tables.conversations.index(workspaceId);
  const matches = analyticsFilter(query);
  const items: ConversationExportRow[] = [];
  const start = after ? { createdAt: after[0], id: after[1] } : undefined;
  for (const row of index?.createdBetween(query.from, query.to, start) ?? []) {
    if (!matches(row)) continue;
    if (items.length === query.limit) {
      const last = items[items.length - 1]!;
      return { items, nextCursor: encodeCursor([last.createdAt, last.conversationId]) };
    }
    const facts = tables.timeline.conversationFacts(workspaceId, row.id) ?? NO_ITEMS;
    items.push({
      conversationId: row.id,
      inboxId: row.inboxId,
      channelId: row.channelId,
      channelType: row.channelType,
      assigneeId: row.assigneeId,
      teamId: row.teamId,
      contactId: row.contactId,
      status: row.status,
      createdAt: row.createdAt,
      firstIncomingAt: facts.firstIncomingAt,
      firstResponseAt: facts.firstResponseAt,
      closedAt: row.closedAt,
      incomingMessages: facts.incomingMessages,
      userMessages: facts.userMessages,
      botMessages: facts.botMessages,
    });
  }
  return { items, nextCursor: null };
}
