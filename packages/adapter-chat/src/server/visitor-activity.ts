import type { StateStore } from '@inboxkit/core';

/** What the visitor of a chat conversation is doing, as agents' UIs show it. */
export interface VisitorActivity {
  /** When the visitor last signalled typing, or `null` once they stopped (sent, cleared the box). */
  typingAt: number | null;
  /** The last message the visitor has seen with the panel open, and when. */
  read: { messageId: string; at: number } | null;
}

const key = (conversationId: string) => `chat.activity:${conversationId}`;

/** Reads a conversation's visitor activity (`null` before the visitor typed or read anything). */
export function readVisitorActivity(state: StateStore, workspaceId: string, conversationId: string): Promise<VisitorActivity | null> {
  return state.get<VisitorActivity>(workspaceId, key(conversationId));
}

/** Updates part of a conversation's visitor activity (kept in `storage.state`, so every process sees it). */
export async function writeVisitorActivity(state: StateStore, workspaceId: string, conversationId: string, patch: Partial<VisitorActivity>): Promise<void> {
  const current = (await readVisitorActivity(state, workspaceId, conversationId)) ?? { typingAt: null, read: null };
  await state.put(workspaceId, key(conversationId), { ...current, ...patch });
}
