import type { FollowerStore } from '@inboxkit/core';
import type { StoreContext } from './context.js';

/** Conversation followers (migration 0007). */
export function followerStore({ db, t }: StoreContext): FollowerStore {
  return {
    async add(workspaceId, conversationId, userId) {
      const { rowCount } = await db.query(
        `INSERT INTO ${t.conversationFollowers} (workspace_id, conversation_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [workspaceId, conversationId, userId],
      );
      return rowCount > 0;
    },
    async remove(workspaceId, conversationId, userId) {
      const { rowCount } = await db.query(
        `DELETE FROM ${t.conversationFollowers} WHERE workspace_id = $1 AND conversation_id = $2 AND user_id = $3`,
        [workspaceId, conversationId, userId],
      );
      return rowCount > 0;
    },
    async list(workspaceId, conversationId) {
      const { rows } = await db.query<{ user_id: string }>(
        `SELECT user_id FROM ${t.conversationFollowers} WHERE workspace_id = $1 AND conversation_id = $2 ORDER BY user_id`,
        [workspaceId, conversationId],
      );
      return rows.map((row) => row.user_id);
    },
  };
}
