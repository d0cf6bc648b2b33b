import type { ReadMark } from '@inboxkit/core';
import type { Journal } from '../journal.js';

interface WorkspaceReads {
  /** Conversation id → when its last incoming message arrived. */
  readonly incoming: Map<string, number>;
  /** User id → conversation id → `readAt` (`null`: marked unread). Per user, so counting walks one user's marks only. */
  readonly marks: Map<string, Map<string, number | null>>;
}

/** Read marks and last-incoming times per workspace; every write journals its undo. */
export class ReadTable {
  private readonly workspaces = new Map<string, WorkspaceReads>();

  private workspace(workspaceId: string): WorkspaceReads {
    let ws = this.workspaces.get(workspaceId);
    if (!ws) this.workspaces.set(workspaceId, (ws = { incoming: new Map(), marks: new Map() }));
    return ws;
  }

  /** When the conversation's last incoming message was noted, or `undefined`. */
  incomingAt(workspaceId: string, conversationId: string): number | undefined {
    return this.workspaces.get(workspaceId)?.incoming.get(conversationId);
  }

  /** The user's mark on the conversation: a time, `null` (marked unread), or `undefined` (none). */
  mark(workspaceId: string, userId: string, conversationId: string): number | null | undefined {
    return this.workspaces.get(workspaceId)?.marks.get(userId)?.get(conversationId);
  }

  /** Every mark of one user in the workspace, as `[conversationId, readAt]`. */
  marksOf(workspaceId: string, userId: string): Iterable<[string, number | null]> {
    return this.workspaces.get(workspaceId)?.marks.get(userId) ?? [];
  }

  /** Keeps the later of the noted time and `at`. */
  noteIncoming(journal: Journal, workspaceId: string, conversationId: string, at: number): void {
    const { incoming } = this.workspace(workspaceId);
    const previous = incoming.get(conversationId);
    if (previous !== undefined && previous >= at) return;
    incoming.set(conversationId, at);
    journal.record(() => (previous === undefined ? incoming.delete(conversationId) : incoming.set(conversationId, previous)));
  }

  /** Sets a user's mark. */
  put(journal: Journal, mark: ReadMark): void {
    const { marks } = this.workspace(mark.workspaceId);
    let ofUser = marks.get(mark.userId);
    if (!ofUser) marks.set(mark.userId, (ofUser = new Map()));
    const user = ofUser;
    const had = user.has(mark.conversationId);
    const previous = user.get(mark.conversationId);
    user.set(mark.conversationId, mark.readAt);
    journal.record(() => (had ? user.set(mark.conversationId, previous ?? null) : user.delete(mark.conversationId)));
  }

  /** Forgets a conversation's last-incoming time and every user's mark on it (a deleted conversation). */
  removeConversation(journal: Journal, workspaceId: string, conversationId: string): void {
    const ws = this.workspaces.get(workspaceId);
    if (!ws) return;
    const incoming = ws.incoming.get(conversationId);
    if (incoming !== undefined) {
      ws.incoming.delete(conversationId);
      journal.record(() => ws.incoming.set(conversationId, incoming));
    }
    for (const user of ws.marks.values()) {
      if (!user.has(conversationId)) continue;
      const readAt = user.get(conversationId)!;
      user.delete(conversationId);
      journal.record(() => user.set(conversationId, readAt));
    }
  }
}
