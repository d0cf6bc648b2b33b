import { z } from 'zod';
import { ValidationError } from '../errors/validation-error.js';
import { activityWindowIsOrdered, conversationFiltersShape, type Conversation } from './conversation.js';
import { queryTokens } from './search-text.js';

/** Most words a search query may have. */
export const MAX_SEARCH_TERMS = 16;

/**
 * Query of `conversations.search`: the text to find, plus the filters of `conversations.list`
 * (spam excluded unless `spam: true`). Pages of at most 100 hits.
 */
export const searchConversationsInput = z
  .strictObject({
    /** Words to find (all of them); the last one also matches as a prefix unless the text ends with a space. */
    query: z.string().trim().min(1).max(500),
    ...conversationFiltersShape,
    cursor: z.string().nullish(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .refine(...activityWindowIsOrdered);
/** Query of `conversations.search`. */
export type SearchConversationsInput = z.input<typeof searchConversationsInput>;

/**
 * What a store matches: every `terms` token exactly, and `prefix` (when not `null`) as the
 * start of some token. Tokens are folded by `queryTokens`, the way stores fold documents.
 */
export interface SearchMatch {
  /** Tokens that must all occur (deduplicated; may be empty when `prefix` is set). */
  terms: string[];
  /** A token some indexed token must start with; `null` when the query ended with a space. */
  prefix: string | null;
}

// A one-letter prefix would match nearly every conversation: it only matches as a word.
const MIN_PREFIX_LENGTH = 2;

/**
 * Turns query text into what stores match. The last word is a prefix (type-ahead) unless the
 * text ends with whitespace or the word is a single character. Throws `VALIDATION` naming
 * `query` when it has no letters or digits, or more than `MAX_SEARCH_TERMS` words.
 */
export function parseSearchQuery(text: string): SearchMatch {
  const tokens = queryTokens(text);
  const invalid = (message: string) => new ValidationError('search', [{ path: 'query', message }]);
  if (tokens.length === 0) throw invalid('must contain a letter or digit');
  if (tokens.length > MAX_SEARCH_TERMS) throw invalid(`must have at most ${MAX_SEARCH_TERMS} words`);
  const last = tokens[tokens.length - 1]!;
  const prefix = /\s$/.test(text) || last.length < MIN_PREFIX_LENGTH ? null : last;
  const exact = prefix === null ? tokens : tokens.slice(0, -1);
  return { terms: [...new Set(exact)].filter((term) => term !== prefix), prefix };
}

/** One result of `conversations.search`. */
export interface ConversationSearchHit {
  /** The matching conversation. */
  conversation: Conversation;
  /**
   * Relevance, higher first: a match in the subject outweighs one in the contact's name or
   * email, which outweighs one in messages and comments; more occurrences weigh more. The
   * scale is the store's own: compare scores within one search only.
   */
  score: number;
}
