import type { ConversationFilter } from './storage.js';

/**
 * A user's read mark on one conversation. `readAt` is when they last read it (kit clock), or
 * `null` when they marked it unread on purpose.
 */
export interface ReadMark {
  /** Owning workspace. */
  workspaceId: string;
  /** The reader. */
  userId: string;
  /** The conversation. */
  conversationId: string;
  /** When the user last read it (epoch ms); `null`: marked unread. */
  readAt: number | null;
}

/** Whether a conversation is unread for one user, and since when it was read. */
export interface ReadStatus {
  /** The conversation. */
  conversationId: string;
  /** `true` when the user never read it, marked it unread, or a message came in after `readAt`. */
  unread: boolean;
  /** The user's mark (`null`: never read, or marked unread). */
  readAt: number | null;
}

/**
 * Per-user read state of conversations (optional area `reads`, capability `reads`).
 *
 * The rule every store computes the same way: a conversation is *unread* for a user when
 * they have no mark on it, their mark's `readAt` is `null`, or its last incoming message
 * (`noteIncoming`; the conversation's `createdAt` when none was noted) is later than
 * `readAt`. Nothing is written per user when a message arrives: unread state is derived,
 * so a busy inbox costs one write per message, not one per agent.
 *
 * Every method is scoped by `workspaceId`.
 */
export interface ReadStateStore {
  /**
   * Notes that an incoming message arrived in the conversation at `at` (epoch ms). Keeps the
   * latest: an older `at` than the one noted changes nothing. Idempotent. Ingest calls it in
   * the transaction that stores the message.
   */
  noteIncoming(workspaceId: string, conversationId: string, at: number): Promise<void>;
  /** Optional (batch ingest): `noteIncoming` for each note, in one call. */
  noteIncomingMany?(workspaceId: string, notes: ReadonlyArray<{ conversationId: string; at: number }>): Promise<void>;
  /** Inserts or replaces the mark of `(workspaceId, userId, conversationId)`. Idempotent. */
  put(mark: ReadMark): Promise<void>;
  /**
   * The user's status of each of `conversationIds` that exists in the workspace, in the
   * given order (missing ids, and ids of another workspace, are left out; duplicates once).
   */
  status(workspaceId: string, userId: string, conversationIds: readonly string[]): Promise<ReadStatus[]>;
  /** How many conversations matching `filter` are unread for the user. */
  countUnread(workspaceId: string, userId: string, filter: ConversationFilter): Promise<number>;
}
