import { checkStoreLimit, type Conversation, type SearchStore } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import { compileFilter } from '../indexes/conversation-filter.js';
import { readCursor, takePage } from '../page.js';
import type { SearchIndex } from '../search/search-index.js';
import { firstK } from '../search/top.js';
import type { ConversationTable } from '../tables/conversation-table.js';

interface Scored {
  conversation: Conversation;
  score: number;
}

/** Best score first, then greatest id: the total order the search cursor is a position in. */
const byRank = (a: Scored, b: Scored) => b.score - a.score || compareStrings(b.conversation.id, a.conversation.id);

/**
 * Full-text search through the inverted index (`SearchIndex`): the matching conversations are
 * collected from the postings of the query's tokens, never by scanning rows, then filtered
 * and the best `limit` kept; a page costs O(matches · log limit).
 */
export function searchStore(index: SearchIndex, conversations: ConversationTable): SearchStore {
  return {
    async conversations(workspaceId, query) {
      checkStoreLimit(query.limit);
      const after = readCursor(query.cursor, ['number', 'string']);
      const keep = compileFilter(query);
      const hits: Scored[] = [];
      for (const [id, score] of index.matches(workspaceId, query.match)) {
        if (after && (score > after[0] || (score === after[0] && id >= after[1]))) continue;
        const conversation = conversations.get(workspaceId, id);
        if (conversation && keep(conversation)) hits.push({ conversation, score });
      }
      // One past the page tells takePage whether another page follows.
      return takePage(firstK(hits, query.limit + 1, byRank), query.limit, (hit) => [hit.score, hit.conversation.id]);
    },
  };
}
