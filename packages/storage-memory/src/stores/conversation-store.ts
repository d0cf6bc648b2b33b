import { checkStoreLimit, ConflictError, type Conversation, type ConversationStore } from '@inboxkit/core';
import type { AnalyticsTables } from '../analytics/tables.js';
import { compileFilter } from '../indexes/conversation-filter.js';
import { byActivity } from '../indexes/activity.js';
import { filterRows, takeWhile } from '../indexes/iterate.js';
import { insertRows, replaceRow, type JournalSource } from '../journal.js';
import { readCursor, takePage } from '../page.js';
import { BotTable } from '../tables/bot-table.js';
import { ConversationTable } from '../tables/conversation-table.js';
import { FollowerTable } from '../tables/follower-table.js';
import { ReadTable } from '../tables/read-table.js';
import { TimelineTable } from '../tables/timeline-table.js';
import { copy, copyToStore } from '../copy.js';

/** The tables holding rows of a conversation: deleting it deletes its rows in each. */
export interface ConversationTables extends AnalyticsTables {
  reads: ReadTable;
  followers: FollowerTable;
}

/** Empty tables, for a store used on its own (unit tests). */
function newTables(): ConversationTables {
  return {
    conversations: new ConversationTable(),
    timeline: new TimelineTable(),
    bots: new BotTable(),
    reads: new ReadTable(),
    followers: new FollowerTable(),
  };
}

/**
 * Conversations. Lists and counts scan the smallest index the filter allows (see
 * `ConversationIndex`) from the cursor's position, so a page costs O(log n + rows
 * scanned), not a sort of the workspace. Pass `tables` to share them with the other stores and
 * analytics: deleting a conversation deletes its timeline items, bot sessions, read state and
 * followers too.
 */
export function conversationStore(journal: JournalSource, tables: ConversationTables = newTables()): ConversationStore {
  const table = tables.conversations;
  const write = (workspaceId: string, id: string, next: Conversation | undefined) =>
    replaceRow(journal(), table, workspaceId, id, next);

  const toRow = (conversation: Conversation) => {
    if (table.get(conversation.workspaceId, conversation.id)) {
      throw new ConflictError(`conversation "${conversation.id}" already exists`);
    }
    return copyToStore(conversation);
  };

  return {
    async insert(conversation) {
      insertRows(journal(), table, [conversation], toRow);
    },
    // A throw part way rolls back the call's unit of work: none of the rows stays.
    async insertMany(conversations) {
      insertRows(journal(), table, conversations, toRow);
    },
    async update(conversation) {
      if (!table.get(conversation.workspaceId, conversation.id)) return false;
      write(conversation.workspaceId, conversation.id, copyToStore(conversation));
      return true;
    },
    // `lock` needs no work here: transactions run one at a time, so no other one can
    // change the row before this one commits.
    async get(workspaceId, id) {
      const row = table.get(workspaceId, id);
      return row ? copy(row) : null;
    },
    async list(workspaceId, query) {
      checkStoreLimit(query.limit);
      const after = readCursor(query.cursor, ['number', 'string']);
      const index = table.index(workspaceId);
      if (!index) return { items: [], nextCursor: null };
      const { from, to } = query.lastMessageAt ?? {};
      // Rows come newest first: start below `to` (the empty id sorts after every id at that
      // instant) or at the cursor, whichever is further on, and stop at the first row before `from`.
      const starts = [after ? { lastMessageAt: after[0], id: after[1] } : undefined, to === undefined ? undefined : { lastMessageAt: to, id: '' }];
      const start = starts.filter((key) => key !== undefined).sort(byActivity).pop();
      const scan = index.plan(query).scan(start);
      const inWindow = from === undefined ? scan : takeWhile(scan, (row) => row.lastMessageAt >= from);
      const rows = filterRows(inWindow, compileFilter(query));
      return takePage(rows, query.limit, (row) => [row.lastMessageAt, row.id]);
    },
    async count(workspaceId, filter) {
      return table.count(workspaceId, filter);
    },
    async moveContact(workspaceId, fromContactId, toContactId) {
      const index = table.index(workspaceId);
      if (!index) return 0;
      // Collected first: moving a row changes the very index being scanned.
      const rows = [...index.plan({ contactId: fromContactId }).scan()].filter((row) => row.contactId === fromContactId);
      // A shallow copy is enough: stored rows are never mutated, only replaced.
      for (const row of rows) write(workspaceId, row.id, { ...row, contactId: toContactId });
      return rows.length;
    },
    async listDueSnoozed(before, limit) {
      checkStoreLimit(limit);
      const due: Array<{ workspaceId: string; id: string; snoozedUntil: number }> = [];
      for (const row of table.dueSnoozed(before)) {
        if (due.length === limit) break;
        due.push({ workspaceId: row.workspaceId, id: row.id, snoozedUntil: row.snoozedUntil });
      }
      return due;
    },
    async listSpamBefore(before, limit) {
      checkStoreLimit(limit);
      const old: Array<{ workspaceId: string; id: string; spamAt: number }> = [];
      for (const row of table.spamBefore(before)) {
        if (old.length === limit) break;
        if (row.lastMessageAt < before) old.push({ workspaceId: row.workspaceId, id: row.id, spamAt: row.spamAt });
      }
      return old;
    },
    async delete(workspaceId, id) {
      if (!table.get(workspaceId, id)) return false;
      // Copied first: removing items changes the very index being read.
      for (const item of [...tables.timeline.conversationItems(workspaceId, id)]) replaceRow(journal(), tables.timeline, workspaceId, item.id, undefined);
      tables.bots.removeConversation(journal(), workspaceId, id);
      tables.reads.removeConversation(journal(), workspaceId, id);
      tables.followers.removeConversation(journal(), workspaceId, id);
      write(workspaceId, id, undefined);
      return true;
    },
  };
}
