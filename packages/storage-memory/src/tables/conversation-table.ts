import type { Conversation } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import { ConversationIndex } from '../indexes/conversation-index.js';
import { SortedIndex } from '../indexes/sorted-index.js';

/** A snoozed conversation with its wake-up time. */
export type SnoozedConversation = Conversation & { snoozedUntil: number };

type SnoozeKey = Pick<SnoozedConversation, 'snoozedUntil' | 'workspaceId' | 'id'>;

/** Earliest wake-up first, then by workspace and id so the order is total. */
function bySnoozeTime(a: SnoozeKey, b: SnoozeKey): number {
  return a.snoozedUntil - b.snoozedUntil || compareStrings(a.workspaceId, b.workspaceId) || compareStrings(a.id, b.id);
}

function isSnoozed(row: Conversation): row is SnoozedConversation {
  return row.status === 'snoozed' && row.snoozedUntil !== null;
}

interface WorkspaceConversations {
  readonly rows: Map<string, Conversation>;
  readonly index: ConversationIndex;
}

/**
 * Every conversation, per workspace, with its list indexes, plus one global index of
 * snoozed conversations by wake-up time (the snooze timer reads across workspaces).
 * `replace` is the only write, so every index always agrees with the rows.
 */
export class ConversationTable {
  private readonly workspaces = new Map<string, WorkspaceConversations>();
  private readonly snoozed = new SortedIndex<SnoozeKey, SnoozedConversation>(bySnoozeTime);

  /** `onReplace` hears every row change (the search index follows the rows through it). */
  constructor(private readonly onReplace?: (previous: Conversation | undefined, next: Conversation | undefined) => void) {}

  /** The stored row, or `undefined`. */
  get(workspaceId: string, id: string): Conversation | undefined {
    return this.workspaces.get(workspaceId)?.rows.get(id);
  }

  /** The list indexes of a workspace, or `undefined` when it has no conversations. */
  index(workspaceId: string): ConversationIndex | undefined {
    return this.workspaces.get(workspaceId)?.index;
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
    }
    if (next) {
      const target = workspace ?? this.addWorkspace(workspaceId);
      target.rows.set(id, next);
      target.index.add(next);
      if (isSnoozed(next)) this.snoozed.add(next);
    }
    this.onReplace?.(previous, next);
    return previous;
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
}
