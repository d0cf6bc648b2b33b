import type { AgentReplies, AnalyticsFilter } from '@inboxkit/core';
import type { StoreContext } from '../context.js';
import { conversationsWhere, num } from './filter.js';

/**
 * `repliesByAgent` in one statement: the window's user replies come off
 * `timeline_items_user_replies_idx` (an index-only range scan), joined to their conversations
 * for the filters, counted per user.
 */
export async function repliesByAgent({ db, t }: StoreContext, workspaceId: string, filter: AnalyticsFilter): Promise<AgentReplies[]> {
  const where = conversationsWhere(workspaceId, filter);
  const { rows } = await db.query<{ user_id: string; conversations: string; messages: string }>(
    `SELECT (m.author ->> 'id') COLLATE "C" AS user_id, count(DISTINCT m.conversation_id) AS conversations, count(*) AS messages
     FROM ${t.timeline} m
     JOIN ${t.conversations} c ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id
     WHERE ${where}
       AND m.workspace_id = ${where.param(workspaceId)} AND m.kind = 'message' AND m.direction = 'outgoing'
       AND (m.author ->> 'type') = 'user' AND (m.author ->> 'id') IS NOT NULL
       AND m.created_at >= ${where.param(filter.from)} AND m.created_at < ${where.param(filter.to)}
     GROUP BY 1
     ORDER BY 2 DESC, 3 DESC, 1`,
    where.params,
  );
  return rows.map((row) => ({ userId: row.user_id, conversationsReplied: num(row.conversations), messagesSent: num(row.messages) }));
}
