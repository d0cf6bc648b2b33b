import type { Journal } from '../journal.js';

/** Followers per conversation of every workspace; every write journals its undo. */
export class FollowerTable {
  private readonly followers = new Map<string, Set<string>>();

  private key(workspaceId: string, conversationId: string): string {
    return `${workspaceId}\n${conversationId}`;
  }

  /** The followers of a conversation (the stored set: never mutate it), or `undefined`. */
  of(workspaceId: string, conversationId: string): ReadonlySet<string> | undefined {
    return this.followers.get(this.key(workspaceId, conversationId));
  }

  /** Adds a follower; `false` when they already follow. */
  add(journal: Journal, workspaceId: string, conversationId: string, userId: string): boolean {
    const k = this.key(workspaceId, conversationId);
    const set = this.followers.get(k) ?? new Set<string>();
    if (set.has(userId)) return false;
    set.add(userId);
    this.followers.set(k, set);
    journal.record(() => set.delete(userId));
    return true;
  }

  /** Removes a follower; `false` when they did not follow. */
  remove(journal: Journal, workspaceId: string, conversationId: string, userId: string): boolean {
    const set = this.followers.get(this.key(workspaceId, conversationId));
    if (!set?.delete(userId)) return false;
    journal.record(() => set.add(userId));
    return true;
  }

  /** Forgets every follower of a conversation (a deleted conversation). */
  removeConversation(journal: Journal, workspaceId: string, conversationId: string): void {
    const k = this.key(workspaceId, conversationId);
    const set = this.followers.get(k);
    if (!set) return;
    this.followers.delete(k);
    journal.record(() => this.followers.set(k, set));
  }
}
