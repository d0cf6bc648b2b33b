import type { Page } from '../domain/common.js';
import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { ConversationSearchHit, SearchMatch } from '../domain/search.js';
import type { TimelineItem } from '../domain/timeline.js';
import type { ConversationFilter } from './storage.js';

/** A store-level conversation search: what to match, the list filters, and the page. */
export interface ConversationSearchQuery extends ConversationFilter {
  /** Tokens to match (from `parseSearchQuery`). */
  match: SearchMatch;
  /** A cursor from a previous page of the same search; `null` or absent for the first page. */
  cursor?: string | null;
  /** Page size, 1 to `MAX_STORE_LIMIT`. */
  limit: number;
}

/**
 * Full-text search over conversations (optional area `search`, capability `search`).
 *
 * What a conversation's document holds, each field tokenized with `searchTokens`:
 * - its `subject` (`conversationSearchText`), weighted highest;
 * - its contact's name and email (`contactSearchText`), weighted next;
 * - the text of every message (incoming and outgoing: `visibleText`, else `text`) and every
 *   internal comment (`timelineSearchText`). Comments are in because only agents search, and
 *   they look for their own notes as much as for the customer's words.
 *
 * The store keeps its index itself, inside the writes that change a document
 * (`timeline.insert` / `update`, `conversations.insert` / `update` / `moveContact` / `delete`,
 * `contacts.update` / `delete`) and in their transaction: a committed write is searchable at
 * once, a rolled-back one never was, and no caller can forget to index.
 */
export interface SearchStore {
  /**
   * Conversations of the workspace whose document has every `match.terms` token and a token
   * starting with `match.prefix`, that pass the filter, ordered by `(score desc, id desc)`.
   * Keyset-paged: a page never repeats or skips a conversation whose document and filter
   * fields did not change between the calls. A cursor the store did not make throws `VALIDATION`.
   */
  conversations(workspaceId: string, query: ConversationSearchQuery): Promise<Page<ConversationSearchHit>>;
}

/** The text a conversation contributes to its document (its subject). For store authors. */
export function conversationSearchText(conversation: Conversation): string {
  return conversation.subject ?? '';
}

/** The text a contact contributes to each of its conversations' documents. For store authors. */
export function contactSearchText(contact: Contact): string {
  return [contact.name, contact.email].filter((part) => part !== null).join(' ');
}

/** The text a message or comment contributes to its conversation's document. For store authors. */
export function timelineSearchText(item: TimelineItem): string {
  return item.kind === 'message' ? (item.visibleText ?? item.text) : item.text;
}
