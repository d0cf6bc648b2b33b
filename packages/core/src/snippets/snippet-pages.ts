import type { Page } from '../domain/common.js';
import { decodeCursor, encodeCursor } from '../storage/cursor.js';
import type { Snippet } from './snippet.js';

/** What a snippet list keeps. */
export interface SnippetFilter {
  /** Inboxes the actor sees; `null` = all (host or admin). All-inbox snippets are always offered. */
  visibleInboxIds: readonly string[] | null;
  /** Only those offered in this inbox: its own and the all-inbox ones. */
  inboxId?: string;
  /** Only shortcuts starting with this. */
  shortcutPrefix?: string;
}

/** Whether an actor who sees `visibleInboxIds` (`null` = all) sees the snippet. */
export function snippetVisible(snippet: Snippet, visibleInboxIds: readonly string[] | null): boolean {
  return snippet.inboxId === null || visibleInboxIds === null || visibleInboxIds.includes(snippet.inboxId);
}

/**
 * One page of snippets ordered by shortcut (unique, so it is the keyset), after the cursor's
 * shortcut. Filtering happens before paging, so pages are full: the record store cannot express
 * "this inbox or every inbox" nor a prefix, and snippets are few per workspace (config records),
 * so the caller passes them all. Pure.
 */
export function snippetPage(all: readonly Snippet[], filter: SnippetFilter, cursor: string | null | undefined, limit: number): Page<Snippet> {
  const after = cursor ? String(decodeCursor(cursor, ['string'])[0]) : null;
  const { visibleInboxIds, inboxId, shortcutPrefix } = filter;
  const matches = all
    .filter((s) => snippetVisible(s, visibleInboxIds))
    .filter((s) => inboxId === undefined || s.inboxId === null || s.inboxId === inboxId)
    .filter((s) => shortcutPrefix === undefined || s.shortcut.startsWith(shortcutPrefix))
    .filter((s) => after === null || s.shortcut > after)
    // Code-unit order, like every list: the same whatever the locale.
    .sort((a, b) => (a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : 0));
  const items = matches.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: matches.length > limit && last ? encodeCursor([last.shortcut]) : null };
}
