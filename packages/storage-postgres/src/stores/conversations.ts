import { checkStoreLimit,
  decodeCursor,
  encodeCursor,
  type ConversationFilter,
  type ConversationStore,
} from '@inboxkit/core';
import { moveRows, toPage, type StoreContext } from './context.js';
import { Where } from './where.js';

/** The WHERE of a conversation filter, over bare column names of the conversations table. */
export function filterWhere(workspaceId: string, filter: ConversationFilter): Where {
  const { from, to } = filter.lastMessageAt ?? {};
  return new Where()
    .equals('workspace_id', workspaceId)
    .oneOf('inbox_id', filter.inboxIds)
    .oneOf('status', filter.statuses)
    .equals('assignee_id', filter.assigneeId)
    .equals('team_id', filter.teamId)
    .equals('channel_type', filter.channelType)
    .equals('channel_id', filter.channelId)
    .equals('contact_id', filter.contactId)
    .equals('spam', filter.spam)
    .overlaps('tag_ids', filter.tagIds)
    .compare('last_message_at', '>=', from)
    .compare('last_message_at', '<', to);
}

/**
 * The statement of one `conversations.list` page over `table`: the filter, the keyset cursor
 * as a row comparison (an index range condition), and one row past the page. Each view's
 * plan is checked in stores/conversation-plans.test.ts.
 */
export function listQuery(table: string, workspaceId: string, { cursor, limit, ...filter }: ConversationFilter & { cursor?: string | null; limit: number }): { sql: string; params: unknown[] } {
  const where = filterWhere(workspaceId, filter);
  if (cursor) {
    const [at, id] = decodeCursor(cursor, ['number', 'string']);
    where.and(`(last_message_at, id) < (${where.param(Number(at))}, ${where.param(String(id))})`);
  }
  const sql = `SELECT * FROM ${table} WHERE ${where}
         ORDER BY last_message_at DESC, id DESC LIMIT ${where.param(limit + 1)}`;
  return { sql, params: where.params };
}

/**
 * Conversations, listed newest activity first by the keyset `(last_message_at, id)`; each
 * list shape has an index ending in those two columns (docs/indexes.md).
 */
export function conversationStore({ db, t, inTransaction, atomic, search, inserts }: StoreContext): ConversationStore {
  const map = t.conversation;
  return {
    insert: (conversation) => atomic((db) => inserts.conversations(db, [conversation], `conversation "${conversation.id}"`)),
    insertMany: (conversations) => atomic((db) => inserts.conversations(db, conversations, 'conversations')),
    update: (conversation) =>
      atomic(async (db) => {
        const { rowCount } = await db.query(map.updateSql(['workspace_id', 'id']), map.values(conversation));
        if (rowCount > 0) await search.conversationUpdated(db, conversation);
        return rowCount > 0;
      }),
    async get(workspaceId, id, options) {
      // A row lock only means something inside a transaction: it is held until commit.
      const lock = options?.lock && inTransaction ? ' FOR UPDATE' : '';
      const { rows } = await db.query(
        `SELECT * FROM ${t.conversations} WHERE workspace_id = $1 AND id = $2${lock}`,
        [workspaceId, id],
      );
      return rows[0] ? map.fromRow(rows[0]) : null;
    },
    async list(workspaceId, query) {
      checkStoreLimit(query.limit);
      const { sql, params } = listQuery(t.conversations, workspaceId, query);
      const { rows } = await db.query(sql, params);
      const { limit } = query;
      return toPage(rows.map((row) => map.fromRow(row)), limit, (last) => encodeCursor([last.lastMessageAt, last.id]));
    },
    async count(workspaceId, filter) {
      const where = filterWhere(workspaceId, filter);
      const { rows } = await db.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${t.conversations} WHERE ${where}`,
        where.params,
      );
      return Number(rows[0]?.n ?? 0);
    },
    moveContact: (workspaceId, fromContactId, toContactId) =>
      atomic(async (db) => {
        const moved = await moveRows(db, t.conversations, 'contact_id', workspaceId, fromContactId, toContactId);
        await search.contactMoved(db, workspaceId, fromContactId, toContactId);
        return moved;
      }),
    async listDueSnoozed(before, limit) {
      checkStoreLimit(limit);
      const { rows } = await db.query<{ workspace_id: string; id: string; snoozed_until: string | number }>(
        `SELECT workspace_id, id, snoozed_until FROM ${t.conversations}
         WHERE status = 'snoozed' AND snoozed_until <= $1
         ORDER BY snoozed_until, workspace_id, id LIMIT $2`,
        [before, limit],
      );
      return rows.map((row) => ({ workspaceId: row.workspace_id, id: row.id, snoozedUntil: Number(row.snoozed_until) }));
    },
    async listSpamBefore(before, limit) {
      checkStoreLimit(limit);
      // conversations_spam_idx (migration 0006): spam rows only, in the order returned.
      const { rows } = await db.query<{ workspace_id: string; id: string; spam_at: string | number }>(
        `SELECT workspace_id, id, spam_at FROM ${t.conversations}
         WHERE spam AND spam_at < $1 AND last_message_at < $1
         ORDER BY spam_at, workspace_id, id LIMIT $2`,
        [before, limit],
      );
      return rows.map((row) => ({ workspaceId: row.workspace_id, id: row.id, spamAt: Number(row.spam_at) }));
    },
    async delete(workspaceId, id) {
      // One statement, so it is atomic outside a transaction too: every table with rows of a
      // conversation (none has a foreign key to it). Bot transitions go with their sessions
      // (ON DELETE CASCADE); the analytics trigger on timeline_items sees no messages left and
      // keeps no waits, and the waits are deleted here as well so nothing depends on it.
      const { rows } = await db.query<{ n: string | number }>(
        `WITH items AS (DELETE FROM ${t.timeline} WHERE workspace_id = $1 AND conversation_id = $2),
              waits AS (DELETE FROM ${t.analyticsWaits} WHERE workspace_id = $1 AND conversation_id = $2),
              sessions AS (DELETE FROM ${t.botSessions} WHERE workspace_id = $1 AND conversation_id = $2),
              marks AS (DELETE FROM ${t.conversationReads} WHERE workspace_id = $1 AND conversation_id = $2),
              incoming AS (DELETE FROM ${t.conversationIncoming} WHERE workspace_id = $1 AND conversation_id = $2),
              followers AS (DELETE FROM ${t.conversationFollowers} WHERE workspace_id = $1 AND conversation_id = $2),
              document AS (DELETE FROM ${t.conversationSearch} WHERE workspace_id = $1 AND conversation_id = $2),
              gone AS (DELETE FROM ${t.conversations} WHERE workspace_id = $1 AND id = $2 RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [workspaceId, id],
      );
      return Number(rows[0]?.n ?? 0) > 0;
    },
  };
}
