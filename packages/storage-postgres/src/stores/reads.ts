import type { ReadStateStore } from '@inboxkit/core';
import type { StoreContext } from './context.js';
import { filterWhere } from './conversations.js';

/**
 * Read state (migration 0007). A mark still covers its conversation when `read_at` is at or
 * after the last incoming message (or `created_at` when none was noted); `countUnread` counts
 * the filter's conversations that have no such mark (an anti-join on the marks' primary key).
 */
export function readStore({ db, t }: StoreContext): ReadStateStore {
  return {
    async noteIncoming(workspaceId, conversationId, at) {
      await db.query(
        `INSERT INTO ${t.conversationIncoming} (workspace_id, conversation_id, last_incoming_at) VALUES ($1, $2, $3)
         ON CONFLICT (workspace_id, conversation_id)
         DO UPDATE SET last_incoming_at = GREATEST(${t.conversationIncoming}.last_incoming_at, EXCLUDED.last_incoming_at)`,
        [workspaceId, conversationId, at],
      );
    },
    async noteIncomingMany(workspaceId, notes) {
      // The latest per conversation first: one upsert may not touch a row twice.
      const latest = new Map<string, number>();
      for (const { conversationId, at } of notes) latest.set(conversationId, Math.max(at, latest.get(conversationId) ?? at));
      if (latest.size === 0) return;
      await db.query(
        `INSERT INTO ${t.conversationIncoming} (workspace_id, conversation_id, last_incoming_at)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[])
         ON CONFLICT (workspace_id, conversation_id)
         DO UPDATE SET last_incoming_at = GREATEST(${t.conversationIncoming}.last_incoming_at, EXCLUDED.last_incoming_at)`,
        [workspaceId, [...latest.keys()], [...latest.values()]],
      );
    },
    async put(mark) {
      await db.query(
        `INSERT INTO ${t.conversationReads} (workspace_id, user_id, conversation_id, read_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, user_id, conversation_id) DO UPDATE SET read_at = EXCLUDED.read_at`,
        [mark.workspaceId, mark.userId, mark.conversationId, mark.readAt],
      );
    },
    async status(workspaceId, userId, conversationIds) {
      const ids = [...new Set(conversationIds)];
      if (ids.length === 0) return [];
      const { rows } = await db.query<{ id: string; read_at: string | number | null; incoming: string | number }>(
        `SELECT c.id, r.read_at, COALESCE(i.last_incoming_at, c.created_at) AS incoming
         FROM unnest($2::text[]) WITH ORDINALITY AS q (id, ord)
         JOIN ${t.conversations} c ON c.workspace_id = $1 AND c.id = q.id
         LEFT JOIN ${t.conversationReads} r ON r.workspace_id = $1 AND r.user_id = $3 AND r.conversation_id = c.id
         LEFT JOIN ${t.conversationIncoming} i ON i.workspace_id = $1 AND i.conversation_id = c.id
         ORDER BY q.ord`,
        [workspaceId, ids, userId],
      );
      return rows.map((row) => {
        const readAt = row.read_at === null ? null : Number(row.read_at);
        return { conversationId: row.id, unread: readAt === null || Number(row.incoming) > readAt, readAt };
      });
    },
    async countUnread(workspaceId, userId, filter) {
      const where = filterWhere(workspaceId, filter);
      const user = where.param(userId);
      where.and(`NOT EXISTS (
        SELECT 1 FROM ${t.conversationReads} r
        LEFT JOIN ${t.conversationIncoming} i ON i.workspace_id = r.workspace_id AND i.conversation_id = r.conversation_id
        WHERE r.workspace_id = c.workspace_id AND r.user_id = ${user} AND r.conversation_id = c.id
          AND r.read_at >= COALESCE(i.last_incoming_at, c.created_at))`);
      const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${t.conversations} c WHERE ${where}`, where.params);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
