import { checkStoreLimit, decodeCursor, encodeCursor, type ConversationExportRow, type ConversationStatus, type ExportQuery, type Page } from '@inboxkit/core';
import { toPage, type StoreContext } from '../context.js';
import { conversationsWhere, num } from './filter.js';

interface Row {
  id: string;
  inbox_id: string;
  channel_id: string;
  channel_type: string;
  assignee_id: string | null;
  team_id: string | null;
  contact_id: string;
  status: ConversationStatus;
  created_at: string;
  closed_at: string | null;
  first_incoming_at: string | null;
  first_response_at: string | null;
  incoming: string;
  users: string;
  bots: string;
}

const orNull = (value: string | null): number | null => (value === null ? null : num(value));

/**
 * One export page: a keyset range of `conversations_created_idx` (`limit + 1` rows), then per
 * row its message counts (an index-only range of `timeline_items_messages_idx`) and its first
 * wait (`analytics_waits` by primary key).
 * Each page is one statement, so an export never holds more than a page in Node or in Postgres.
 */
export async function exportConversations({ db, t }: StoreContext, workspaceId: string, query: ExportQuery): Promise<Page<ConversationExportRow>> {
  checkStoreLimit(query.limit);
  const where = conversationsWhere(workspaceId, query);
  where.and(`c.created_at >= ${where.param(query.from)} AND c.created_at < ${where.param(query.to)}`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['number', 'string']);
    where.and(`(c.created_at, c.id) > (${where.param(Number(at))}, ${where.param(String(id))})`);
  }
  const { rows } = await db.query<Row>(
    `WITH page AS (
       SELECT * FROM ${t.conversations} c WHERE ${where} ORDER BY c.created_at, c.id LIMIT ${where.param(query.limit + 1)}
     )
     SELECT p.id, p.inbox_id, p.channel_id, p.channel_type, p.assignee_id, p.team_id, p.contact_id, p.status,
            p.created_at, p.closed_at, m.first_incoming_at, m.incoming, m.users, m.bots,
            (SELECT w.ended_at FROM ${t.analyticsWaits} w
             WHERE w.workspace_id = p.workspace_id AND w.conversation_id = p.id AND w.seq = 1) AS first_response_at
     FROM page p
     CROSS JOIN LATERAL (
       SELECT min(created_at) FILTER (WHERE direction = 'incoming') AS first_incoming_at,
              count(*) FILTER (WHERE direction = 'incoming') AS incoming,
              count(*) FILTER (WHERE direction = 'outgoing' AND (author ->> 'type') = 'user') AS users,
              count(*) FILTER (WHERE direction = 'outgoing' AND (author ->> 'type') IS DISTINCT FROM 'user') AS bots
       FROM ${t.timeline} WHERE workspace_id = p.workspace_id AND conversation_id = p.id AND kind = 'message'
     ) m
     ORDER BY p.created_at, p.id`,
    where.params,
  );
  const items = rows.map(
    (row): ConversationExportRow => ({
      conversationId: row.id,
      inboxId: row.inbox_id,
      channelId: row.channel_id,
      channelType: row.channel_type,
      assigneeId: row.assignee_id,
      teamId: row.team_id,
      contactId: row.contact_id,
      status: row.status,
      createdAt: num(row.created_at),
      firstIncomingAt: orNull(row.first_incoming_at),
      firstResponseAt: orNull(row.first_response_at),
      closedAt: orNull(row.closed_at),
      incomingMessages: num(row.incoming),
      userMessages: num(row.users),
      botMessages: num(row.bots),
    }),
  );
  return toPage(items, query.limit, (last) => encodeCursor([last.createdAt, last.conversationId]));
}
