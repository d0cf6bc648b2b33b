import type { Conversation } from '../domain/conversation.js';
import type { AnyInboxEvent } from '../domain/events.js';
import type { Inbox } from '../domain/inbox.js';
import type { Notification } from '../runtime/host.js';
import { wantsNotification, type NotificationPreferencesRecord, type NotificationType } from './preferences.js';

const SUMMARY_MAX = 140;

/** Event types that can lead to a notification. */
export const NOTIFYING_EVENTS = new Set<AnyInboxEvent['type']>([
  'conversation.created',
  'conversation.released',
  'conversation.assigned',
  'message.received',
  'comment.created',
]);

/** What deciding who to notify about one event needs, read from the event's own workspace. */
export interface PlanContext {
  /** The conversation the event is about, as it is now. */
  conversation: Conversation;
  /** Its inbox. */
  inbox: Inbox;
  /** Users who are members of the inbox (direct and through teams). */
  inboxMembers: ReadonlySet<string>;
  /** Users who may see the conversation: inbox members and admins. */
  canSee: ReadonlySet<string>;
  /** Stored preferences per user (absent: defaults). */
  preferences: ReadonlyMap<string, Pick<NotificationPreferencesRecord, 'events' | 'inboxes'>>;
}

/** Who an event concerns, before preferences, and the user who caused it (never notified). */
function audience(event: AnyInboxEvent, ctx: PlanContext): { type: NotificationType; userIds: string[]; actorId: string | null } | null {
  switch (event.type) {
    case 'conversation.created':
      return { type: 'conversation.created', userIds: [...ctx.inboxMembers], actorId: null };
    case 'conversation.released':
      // Released from spam: for the inbox it is a new conversation now.
      return { type: 'conversation.created', userIds: [...ctx.inboxMembers], actorId: actorUser(event.data.by) };
    case 'conversation.assigned': {
      const { assigneeId, previousAssigneeId, by } = event.data;
      if (!assigneeId || assigneeId === previousAssigneeId) return null;
      return { type: 'conversation.assigned', userIds: [assigneeId], actorId: actorUser(by) };
    }
    case 'message.received':
      // The first message of a new conversation is announced as created/assigned instead.
      if (event.data.createdConversation || !ctx.conversation.assigneeId) return null;
      return { type: 'message.received', userIds: [ctx.conversation.assigneeId], actorId: null };
    case 'comment.created':
      return { type: 'comment.mention', userIds: event.data.mentions, actorId: event.data.authorId };
    default:
      return null;
  }
}

function actorUser(by: { type: string; id: string | null }): string | null {
  return by.type === 'user' ? by.id : null;
}

/** One line for a push or email notification; ids and the subject only, never message bodies. */
export function summaryOf(type: NotificationType, conversation: Conversation, inbox: Inbox): string {
  const subject = conversation.subject?.trim() || '(no subject)';
  const text = {
    'conversation.created': `New conversation in ${inbox.name}: ${subject}`,
    'conversation.assigned': `Assigned to you in ${inbox.name}: ${subject}`,
    'message.received': `New message in ${inbox.name}: ${subject}`,
    'comment.mention': `You were mentioned in ${inbox.name}: ${subject}`,
  }[type];
  return text.length <= SUMMARY_MAX ? text : `${text.slice(0, SUMMARY_MAX - 1)}…`;
}

/**
 * The notifications one committed event leads to: its audience, minus the actor, minus users
 * who cannot see the conversation, minus those whose preferences say no. Spam is never
 * announced.
 */
export function planNotifications(event: AnyInboxEvent, ctx: PlanContext): Notification[] {
  if (ctx.conversation.spam) return [];
  const who = audience(event, ctx);
  if (!who) return [];
  const recipients = new Set(who.userIds);
  return [...recipients]
    .filter((userId) => userId !== who.actorId && ctx.canSee.has(userId))
    .filter((userId) => wantsNotification(ctx.preferences.get(userId) ?? null, who.type, ctx.inbox.id))
    .map((userId) => ({
      workspaceId: ctx.conversation.workspaceId,
      userId,
      type: who.type,
      conversationId: ctx.conversation.id,
      summary: summaryOf(who.type, ctx.conversation, ctx.inbox),
    }));
}
