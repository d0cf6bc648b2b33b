import type { Page } from '../domain/common.js';
import { parseSearchQuery, searchConversationsInput, type ConversationSearchHit, type SearchConversationsInput } from '../domain/search.js';
import { parseInput } from '../errors/parse.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import type { Scope } from '../kit/scope.js';
import { storeFilter } from './list-filter.js';

/**
 * `conversations.search`: parses the query, scopes it to the caller's inboxes and lets the
 * store rank and page it. `UNSUPPORTED` when the store has no `search` capability.
 */
export async function searchConversations(scope: Scope, input: SearchConversationsInput): Promise<Page<ConversationSearchHit>> {
  const q = parseInput(searchConversationsInput, input, 'search');
  const match = parseSearchQuery(q.query);
  const search = scope.runtime.storage.capabilities.search ? scope.storage.search : undefined;
  if (!search) throw new UnsupportedError(`storage "${scope.runtime.storage.name}" cannot search (no search capability)`);
  const filter = await storeFilter(scope, q);
  return search.conversations(scope.workspaceId, { ...filter, match, cursor: q.cursor ?? null, limit: q.limit });
}
