/**
 * Followers of conversations (optional area `followers`, capability `followers`): users who
 * are notified of a conversation's activity without being assigned. Every method is scoped by
 * `workspaceId`.
 */
export interface FollowerStore {
  /** Adds `userId` to the followers. Returns `false` when they already follow (idempotent). */
  add(workspaceId: string, conversationId: string, userId: string): Promise<boolean>;
  /** Removes `userId` from the followers. Returns `false` when they did not follow (idempotent). */
  remove(workspaceId: string, conversationId: string, userId: string): Promise<boolean>;
  /** The followers' user ids ordered by id (empty for an unknown conversation). */
  list(workspaceId: string, conversationId: string): Promise<string[]>;
}
