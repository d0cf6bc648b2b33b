import { checkStoreLimit, decodeCursor, encodeCursor, type SearchStore } from '@inboxkit/core';
import type { StoreContext } from '../context.js';
import { toPage } from '../context.js';
import { filterWhere } from '../conversations.js';
import { queryOf } from './vector.js';

/**
 * Full-text search over `conversation_search` (migration 0005): the GIN index finds the
 * documents holding the query's lexemes, the conversation filter runs in the same query (so
 * an agent's pages are full), and ts_rank orders them. The keyset is `(score, id)`: ts_rank
 * returns a `real`, which the cursor carries in its shortest exact decimal form.
 */
export function searchStore({ db, t }: StoreContext): SearchStore {
  return {
    async conversations(workspaceId, { match, cursor, limit, ...filter }) {
      checkStoreLimit(limit);
      const where = filterWhere(workspaceId, filter);
      const query = where.param(queryOf(match));
      let after = '';
      if (cursor) {
        const [score, id] = decodeCursor(cursor, ['number', 'string']);
        after = `WHERE (score, id) < (${where.param(score)}::real, ${where.param(id)})`;
      }
      const { rows } = await db.query(
        `SELECT * FROM (
           SELECT c.*, ts_rank(s.document, ${query}::tsquery) AS score
           FROM (SELECT * FROM ${t.conversations} WHERE ${where}) c
           JOIN ${t.conversationSearch} s ON s.workspace_id = c.workspace_id AND s.conversation_id = c.id
           WHERE s.workspace_id = $1 AND s.document @@ ${query}::tsquery
         ) hits ${after}
         ORDER BY score DESC, id DESC LIMIT ${where.param(limit + 1)}`,
        where.params,
      );
      const hits = rows.map((row) => ({ conversation: t.conversation.fromRow(row), score: Number(row.score) }));
      return toPage(hits, limit, (last) => encodeCursor([last.score, last.conversation.id]));
    },
  };
}
