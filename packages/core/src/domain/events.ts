import type { Availability } from './user.js';
import type { ConversationStatus } from './conversation.js';
import type { DeliveryStatus } from './timeline.js';

/** Who caused a change: a user, a routing rule, a channel, or the system. */
export interface Actor {
  /** Kind of actor. */
  type: 'user' | 'rule' | 'channel' | 'system';
  /** Id of the user, rule or channel; `null` for the system. */
  id: string | null;
}

/** Why a user follows a conversation: they (or someone) chose to, or they took part in it. */
export type FollowReason = 'manual' | 'replied' | 'commented' | 'mentioned';

/**
 * Data of every event type. Events carry ids and small facts, never secrets and never
 * another workspace's data. Extend by declaration merging for custom event types.
 */
export interface EventDataMap {
  'workspace.created': { name: string };
  'user.created': { userId: string };
  'user.updated': { userId: string; fields: string[] };
  'user.deleted': { userId: string };
  'user.availability.changed': { userId: string; availability: Availability };
  'team.created': { teamId: string };
  'team.updated': { teamId: string; fields: string[] };
  'team.deleted': { teamId: string };
  'inbox.created': { inboxId: string; fallbackAddress: string };
  'inbox.updated': { inboxId: string; fields: string[] };
  'inbox.deleted': { inboxId: string };
  'channel.connected': { channelId: string; inboxId: string; type: string };
  'channel.updated': { channelId: string; inboxId: string; fields: string[] };
  'channel.disconnected': { channelId: string; inboxId: string; type: string };
  'contact.created': { contactId: string };
  'contact.updated': { contactId: string; fields: string[] };
  'contact.merged': { contactId: string; mergedContactId: string; conversationsMoved: number };
  'contact.deleted': { contactId: string };
  'conversation.created': {
    conversationId: string;
    inboxId: string;
    channelId: string;
    contactId: string;
  };
  'conversation.assigned': {
    conversationId: string;
    inboxId: string;
    assigneeId: string | null;
    teamId: string | null;
    previousAssigneeId: string | null;
    previousTeamId: string | null;
    by: Actor;
    reason?: string;
  };
  'conversation.status.changed': {
    conversationId: string;
    inboxId: string;
    status: ConversationStatus;
    previousStatus: ConversationStatus;
    snoozedUntil: number | null;
    by: Actor;
  };
  'message.received': {
    conversationId: string;
    messageId: string;
    inboxId: string;
    channelId: string;
    contactId: string;
    createdConversation: boolean;
  };
  'message.sent': {
    conversationId: string;
    messageId: string;
    inboxId: string;
    channelId: string;
    authorId: string | null;
  };
  /** A channel deliberately did not ingest a message (auto-reply, bounce, list mail, our own mail). */
  'message.skipped': { channelId: string; externalId: string; reason: string };
  'message.delivery.changed': {
    conversationId: string;
    messageId: string;
    status: DeliveryStatus;
    error: string | null;
  };
  'chatflow.created': { chatflowId: string; channelId: string };
  'chatflow.updated': { chatflowId: string; channelId: string; fields: string[] };
  'chatflow.deleted': { chatflowId: string; channelId: string };
  'form.created': { formId: string; inboxId: string; channelId: string };
  'form.updated': { formId: string; inboxId: string; fields: string[] };
  'form.deleted': { formId: string; inboxId: string };
  'tag.created': { tagId: string; name: string };
  'tag.updated': { tagId: string; fields: string[] };
  /** A tag was deleted; `conversationsUntagged` conversations lost it in the same transaction. */
  'tag.deleted': { tagId: string; conversationsUntagged: number };
  /** Tags were added to a conversation; `tagIds` are the ones it did not carry before. */
  'conversation.tagged': { conversationId: string; inboxId: string; tagIds: string[]; by: Actor };
  /** Tags were taken off a conversation; `tagIds` are the ones it carried. `reason` `tag-deleted` when the tag itself went. */
  'conversation.untagged': { conversationId: string; inboxId: string; tagIds: string[]; by: Actor; reason?: 'tag-deleted' };
  /** A snippet (canned reply) was saved; `inboxId` `null` = usable in every inbox. */
  'snippet.created': { snippetId: string; inboxId: string | null };
  'snippet.updated': { snippetId: string; inboxId: string | null; fields: string[] };
  'snippet.deleted': { snippetId: string; inboxId: string | null };
  'comment.created': {
    conversationId: string;
    commentId: string;
    inboxId: string;
    authorId: string;
    mentions: string[];
  };
  'routing.rule.set': { channelId: string; inboxId: string; ruleId: string; strategy: string };
  'routing.rule.cleared': { channelId: string; inboxId: string; ruleId: string };
  /** A routing rule left a conversation without a user; `skipped` says who was passed over and why. */
  'routing.unassigned': {
    conversationId: string;
    inboxId: string;
    channelId: string;
    ruleId: string;
    /** The team it waits with, when the rule names one. */
    teamId: string | null;
    /** `manual`: the rule hands out to people; `no-members`: the rule targets nobody in the inbox; `nobody-eligible`: everyone was skipped. */
    reason: 'manual' | 'no-members' | 'nobody-eligible';
    skipped: Array<{
      userId: string;
      reason: 'unknown-user' | 'not-inbox-member' | 'away' | 'outside-working-hours' | 'at-capacity';
      /** For `outside-working-hours`: when their next working interval starts. */
      availableAt: number | null;
    }>;
  };
  'filter.created': { filterId: string; inboxId: string; action: 'drop' | 'spam' | 'allow' };
  'filter.deleted': { filterId: string; inboxId: string };
  /** An email filter caught an inbound message (dropped, or kept as spam in `conversationId`). */
  'message.filtered': {
    inboxId: string;
    channelId: string;
    filterId: string;
    action: 'drop' | 'spam';
    reason: string;
    externalId: string;
    /** Sender address, when known. */
    from: string | null;
    subject: string | null;
    /** For `spam`: where the message was kept. */
    conversationId: string | null;
    messageId: string | null;
  };
  /** A spam conversation is a normal one again (`conversations.notSpam`): routed when unassigned, and announced like a new one. */
  'conversation.released': { conversationId: string; inboxId: string; by: Actor };
  /** A user marked a conversation as spam (`conversations.markSpam`): it leaves the inbox views, its assignee is kept. */
  'conversation.spam.marked': { conversationId: string; inboxId: string; by: Actor };
  /** A conversation moved to another inbox of the workspace (`conversations.move`); its channel stays. */
  'conversation.moved': { conversationId: string; fromInboxId: string; toInboxId: string; by: Actor };
  /** Spam older than the retention was deleted with its timeline (ids only: nothing of it is left to show). */
  'conversation.purged': { conversationId: string; inboxId: string };
  'notification.preferences.changed': { userId: string };
  /** `userId` read the conversation (it was unread for them before). */
  'conversation.read': { conversationId: string; inboxId: string; userId: string };
  /** The conversation became unread for `userId` because they marked it so (new messages make it unread without an event). */
  'conversation.unread': { conversationId: string; inboxId: string; userId: string };
  /**
   * `userId` follows the conversation now: by their choice or someone else's (`manual`), or
   * automatically because they replied, commented or were mentioned.
   */
  'conversation.followed': { conversationId: string; inboxId: string; userId: string; reason: FollowReason; by: Actor };
  /** `userId` no longer follows the conversation. */
  'conversation.unfollowed': { conversationId: string; inboxId: string; userId: string; by: Actor };
  /** A bot chatflow started talking in a conversation. */
  'bot.session.started': { sessionId: string; conversationId: string; chatflowId: string; inboxId: string; channelId: string };
  /**
   * A bot moved: the start, or one visitor input (`inputId`). `transitions` are the step moves
   * made (`from`/`to` step ids, `null` at the start and end), `messageIds` the bot messages sent.
   */
  'bot.step': {
    sessionId: string;
    conversationId: string;
    chatflowId: string;
    inputId: string | null;
    transitions: Array<{ from: string | null; to: string | null; via: 'start' | 'next' | 'answer' | 'reask' | 'branch' | 'handoff' | 'end' }>;
    messageIds: string[];
    /** Where the session stands after this move. */
    status: 'waiting' | 'handed-off' | 'completed';
    /** The question now awaiting an answer, or the step the session ended on. */
    stepId: string | null;
  };
  /** A bot handed its conversation to people: it is live chat now, routed to `assigneeId` / `teamId` (`null` when nobody got it yet). */
  'bot.handoff': {
    sessionId: string;
    conversationId: string;
    chatflowId: string;
    inboxId: string;
    /** The handoff step's target (`{ userId }` / `{ teamId }`), or `null` for the channel's routing rule. */
    to: { userId: string } | { teamId: string } | null;
    assigneeId: string | null;
    teamId: string | null;
  };
  /** A bot reached an end step without handing off. */
  'bot.completed': { sessionId: string; conversationId: string; chatflowId: string };
  'webhook.created': { webhookId: string; inboxId: string | null };
  'webhook.updated': { webhookId: string; inboxId: string | null; fields: string[] };
  'webhook.deleted': { webhookId: string; inboxId: string | null };
  /**
   * The kit stopped delivering to a webhook that kept failing (`failures` attempts in a row since
   * `failingSince`). `webhooks.update(id, { enabled: true })` resumes it where it stopped.
   */
  'webhook.disabled': { webhookId: string; inboxId: string | null; failures: number; failingSince: number; lastError: string };
}

/** Every known event type. */
export type EventType = keyof EventDataMap;

/** One event of the durable, per-workspace ordered log. */
export interface InboxEvent<T extends EventType = EventType> {
  /** Sortable unique id. */
  id: string;
  /** Position in the workspace's log, strictly increasing in commit order; assigned by the store. */
  seq: number;
  /** Event type, e.g. `message.received`. */
  type: T;
  /** The workspace this event belongs to. */
  workspaceId: string;
  /** When it happened (epoch ms, from the kit's clock). */
  at: number;
  /** Type-specific data. */
  data: EventDataMap[T];
}

/** An event before the store assigned its `seq`. */
export type NewEvent<T extends EventType = EventType> = Omit<InboxEvent<T>, 'seq'>;

/** Any event, as a union discriminated by `type`. */
export type AnyInboxEvent = { [K in EventType]: InboxEvent<K> }[EventType];
