import type { Conversation, ConversationFilter } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import { compileFilter } from '../indexes/conversation-filter.js';
import { ConversationIndex } from '../indexes/conversation-index.js';
import { SortedIndex } from '../indexes/sorted-index.js';

/** A snoozed conversation with its wake-up time. */
export type SnoozedConversation = Conversation & { snoozedUntil: number };

/** A spam conversation with the time it became spam. */
export type SpamConversation = Conversation & { spamAt: number };

type SnoozeKey = Pick<SnoozedConversation, 'snoozedUntil' | 'workspaceId' | 'id'>;
type SpamKey = Pick<SpamConversation, 'spamAt' | 'workspaceId' | 'id'>;

/** Ties of a global time index broken by workspace and id, so the order is total. */
function byWorkspaceAndId(a: { workspaceId: string; id: string }, b: { workspaceId: string; id: string }): number {
  return compareStrings(a.workspaceId, b.workspaceId) || compareStrings(a.id, b.id);
}

/** Earliest wake-up first. */
function bySnoozeTime(a: SnoozeKey, b: SnoozeKey): number {
  return a.snoozedUntil - b.snoozedUntil || byWorkspaceAndId(a, b);
}

/** Earliest spam first. */
function bySpamTime(a: SpamKey, b: SpamKey): number {
  return a.spamAt - b.spamAt || byWorkspaceAndId(a, b);
}

function isSnoozed(row: Conversation): row is SnoozedConversation {
  return row.status === 'snoozed' && row.snoozedUntil !== null;
}

function isSpam(row: Conversation): row is SpamConversation {
  return row.spam && row.spamAt !== null;
}

interface WorkspaceConversations {
  readonly rows: Map<string, Conversation>;
  readonly index: ConversationIndex;
}

/**
 * Every conversation, per workspace, with its list indexes, plus global indexes of snoozed
 * conversations by wake-up time and of spam by the time it became spam (the snooze timer and
 * the spam purge read across workspaces).
 * `replace` is the only write, so every index always agrees with the rows.
 */
export class ConversationTable {
  private readonly workspaces = new Map<string, WorkspaceConversations>();
  private readonly snoozed = new SortedIndex<SnoozeKey, SnoozedConversation>(bySnoozeTime);
  private readonly spam = new SortedIndex<SpamKey, SpamConversation>(bySpamTime);

  /** `onReplace` hears every row change (the search index follows the rows through it). */
  constructor(private readonly onReplace?: (previous: Conversation | undefined, next: Conversation | undefined) => void) {}

  /** The stored row, or `undefined`. */
  get(workspaceId: string, id: string): Conversation | undefined {
    return this.workspaces.get(workspaceId)?.rows.get(id);
  }

  /** Every row of the workspace, in no particular order (for reports that read them all). */
  rows(workspaceId: string): Iterable<Conversation> {
    return this.workspaces.get(workspaceId)?.rows.values() ?? [];
  }

  /** How many conversations the workspace has. */
  size(workspaceId: string): number {
    return this.workspaces.get(workspaceId)?.rows.size ?? 0;
  }

  /** The list indexes of a workspace, or `undefined` when it has no conversations. */
  index(workspaceId: string): ConversationIndex | undefined {
    return this.workspaces.get(workspaceId)?.index;
  }

  /** How many rows of the workspace match `filter`: from index sizes when it can, else a scan of the smallest index. */
  count(workspaceId: string, filter: ConversationFilter): number {
    const index = this.index(workspaceId);
    if (!index) return 0;
    const fromSizes = index.countFromSizes(filter);
    if (fromSizes !== undefined) return fromSizes;
    const matches = compileFilter(filter);
    let count = 0;
    for (const row of index.plan(filter).scan()) if (matches(row)) count++;
    return count;
  }

  /**
   * Stores `next` as the row `(workspaceId, id)`, or removes the row when `next` is
   * `undefined`, repositioning it in every index. Returns the row it replaced.
   */
  replace(workspaceId: string, id: string, next: Conversation | undefined): Conversation | undefined {
    const workspace = this.workspaces.get(workspaceId);
    const previous = workspace?.rows.get(id);
    if (workspace && previous) {
      workspace.rows.delete(id);
      workspace.index.remove(previous);
      if (isSnoozed(previous)) this.snoozed.remove(previous);
      if (isSpam(previous)) this.spam.remove(previous);
    }
    if (next) this.place(next);
    this.onReplace?.(previous, next);
    return previous;
  }

  /** Stores a row the table does not hold yet (`replace` without the search for one to take out). */
  insert(row: Conversation): void {
    this.place(row);
    this.onReplace?.(undefined, row);
  }

  private place(row: Conversation): void {
    const workspace = this.workspaces.get(row.workspaceId) ?? this.addWorkspace(row.workspaceId);
    workspace.rows.set(row.id, row);
    workspace.index.add(row);
    if (isSnoozed(row)) this.snoozed.add(row);
    if (isSpam(row)) this.spam.add(row);
  }

  private addWorkspace(workspaceId: string): WorkspaceConversations {
    const workspace = { rows: new Map<string, Conversation>(), index: new ConversationIndex() };
    this.workspaces.set(workspaceId, workspace);
    return workspace;
  }

  /** Snoozed conversations due at `before` (`snoozedUntil <= before`), earliest first. */
  *dueSnoozed(before: number): Generator<SnoozedConversation, void, undefined> {
    for (const row of this.snoozed.scan()) {
      if (row.snoozedUntil > before) return;
      yield row;
    }
  }

  /** Spam conversations that became spam before `before` (`spamAt < before`), earliest first. */
  *spamBefore(before: number): Generator<SpamConversation, void, undefined> {
    for (const row of this.spam.scan()) {
      if (row.spamAt >= before) return;
      yield row;
    }
  }
}
