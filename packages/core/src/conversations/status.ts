import type { Actor } from '../domain/events.js';
import type { Conversation, ConversationStatus } from '../domain/conversation.js';
import type { EventRecorder } from '../events/event-recorder.js';

/**
 * Returns the conversation in its new status and records `conversation.status.changed`
 * (or returns it unchanged when nothing changes). Closing sets `closedAt`; leaving
 * `closed` clears it, so time-to-close always measures the latest close.
 */
export function changeStatus(
  conversation: Conversation,
  status: ConversationStatus,
  options: { now: number; by: Actor; snoozedUntil?: number | null },
  events: EventRecorder,
): Conversation {
  const snoozedUntil = status === 'snoozed' ? (options.snoozedUntil ?? null) : null;
  if (conversation.status === status && conversation.snoozedUntil === snoozedUntil) return conversation;
  const next: Conversation = {
    ...conversation,
    status,
    snoozedUntil,
    closedAt: status === 'closed' ? options.now : null,
    updatedAt: options.now,
  };
  events.record('conversation.status.changed', {
    conversationId: conversation.id,
    inboxId: conversation.inboxId,
    status,
    previousStatus: conversation.status,
    snoozedUntil,
    by: options.by,
  });
  return next;
}

/** The actor of a change made by `userId`, or by the host/system when there is none. */
export function actorOf(userId: string | null): Actor {
  return userId ? { type: 'user', id: userId } : { type: 'system', id: null };
}
