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
  'conversation.status.changed',
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
  /** Users following the conversation (see `conversations.follow`). */
  followers: readonly string[];
  /** Stored preferences per user (absent: defaults). */
  preferences: ReadonlyMap<string, Pick<NotificationPreferencesRecord, 'events' | 'inboxes'>>;
}

/** A group of users an event concerns, notified as `type`. */
interface AudienceGroup {
  type: NotificationType;
  userIds: readonly string[];
}

/**
 * Who an event concerns, before preferences, in precedence order (a user in two groups is
 * notified once, as the first), and the user who caused it (never notified).
 */
function audience(event: AnyInboxEvent, ctx: PlanContext): { groups: AudienceGroup[]; actorId: string | null } | null {
  switch (event.type) {
    case 'conversation.created':
      return { groups: [{ type: 'conversation.created', userIds: [...ctx.inboxMembers] }], actorId: null };
    case 'conversation.released':
      // Released from spam: for the inbox it is a new conversation now.
      return { groups: [{ type: 'conversation.created', userIds: [...ctx.inboxMembers] }], actorId: actorUser(event.data.by) };
    case 'conversation.assigned': {
      const { assigneeId, previousAssigneeId, by } = event.data;
      if (!assigneeId || assigneeId === previousAssigneeId) return null;
      return { groups: [{ type: 'conversation.assigned', userIds: [assigneeId] }], actorId: actorUser(by) };
    }
    case 'message.received': {
      // The first message of a new conversation is announced as created/assigned instead.
      if (event.data.createdConversation) return null;
      const assignee = ctx.conversation.assigneeId ? [ctx.conversation.assigneeId] : [];
      return { groups: [{ type: 'message.received', userIds: [...assignee, ...ctx.followers] }], actorId: null };
    }
    case 'comment.created':
      return {
        groups: [
          { type: 'comment.mention', userIds: event.data.mentions },
          { type: 'comment.created', userIds: ctx.followers },
        ],
        actorId: event.data.authorId,
      };
    case 'conversation.status.changed':
      // A customer writing reopens it: `message.received` tells followers already.
      if (event.data.by.type === 'channel') return null;
      return { groups: [{ type: 'conversation.status.changed', userIds: ctx.followers }], actorId: actorUser(event.data.by) };
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
    'comment.created': `New comment in ${inbox.name}: ${subject}`,
    'conversation.status.changed': `Now ${conversation.status} in ${inbox.name}: ${subject}`,
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
  const typeOf = new Map<string, NotificationType>();
  for (const group of who.groups) for (const userId of group.userIds) if (!typeOf.has(userId)) typeOf.set(userId, group.type);
  return [...typeOf]
    .filter(([userId]) => userId !== who.actorId && ctx.canSee.has(userId))
    .filter(([userId, type]) => wantsNotification(ctx.preferences.get(userId) ?? null, type, ctx.inbox.id))
    .map(([userId, type]) => ({
      workspaceId: ctx.conversation.workspaceId,
      userId,
      type,
      conversationId: ctx.conversation.id,
      summary: summaryOf(type, ctx.conversation, ctx.inbox),
    }));
}
