import { checkStoreLimit, type Conversation, type SearchStore } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import { compileFilter } from '../indexes/conversation-filter.js';
import { readCursor, takePage } from '../page.js';
import type { SearchIndex } from '../search/search-index.js';
import { firstK } from '../search/top.js';
import type { ConversationTable } from '../tables/conversation-table.js';

interface Ranked {
  id: string;
  score: number;
}

interface Scored {
  conversation: Conversation;
  score: number;
}

/** Best score first, then greatest id: the total order the search cursor is a position in. */
const byRank = (a: Ranked, b: Ranked) => b.score - a.score || compareStrings(b.id, a.id);
const byHitRank = (a: Scored, b: Scored) => b.score - a.score || compareStrings(b.conversation.id, a.conversation.id);

/**
 * Full-text search through the inverted index (`SearchIndex`): the matching conversations are
 * collected from the postings of the query's tokens, never by scanning rows, then filtered
 * and the best `limit` kept; a page costs O(matches · log limit), reading rows only for the best
 * few matches unless the filter rejects most of them.
 */
export function searchStore(index: SearchIndex, conversations: ConversationTable): SearchStore {
  return {
    async conversations(workspaceId, query) {
      checkStoreLimit(query.limit);
      const after = readCursor(query.cursor, ['number', 'string']);
      const keep = compileFilter(query);
      const ranked: Ranked[] = [];
      for (const [id, score] of index.matches(workspaceId, query.match)) {
        if (!after || score < after[0] || (score === after[0] && id < after[1])) ranked.push({ id, score });
      }
      // One past the page tells takePage whether another page follows.
      const wanted = query.limit + 1;
      const hit = ({ id, score }: Ranked): Scored | null => {
        const conversation = conversations.get(workspaceId, id);
        return conversation && keep(conversation) ? { conversation, score } : null;
      };
      // Reading and filtering rows costs more than ranking ids: try the best few first, and
      // filter every match only when too few of those pass.
      const best = firstK(ranked, wanted * 4, byRank);
      let hits = best.map(hit).filter((h) => h !== null).slice(0, wanted);
      if (hits.length < wanted && best.length < ranked.length) {
        hits = firstK(ranked.map(hit).filter((h) => h !== null), wanted, byHitRank);
      }
      return takePage(hits, query.limit, (h) => [h.score, h.conversation.id]);
    },
  };
}
