import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/common.js';
import type { Notification } from '../runtime/host.js';

/** What a user can be notified about. */
export type NotificationType = Notification['type'];

/**
 * Defaults when a user has not said otherwise: everything about *their* work is on
 * (assigned to me, new message on my conversation, mentioned); every new conversation in
 * every inbox they are in is off, because in a busy shared inbox it drowns the rest.
 */
export const NOTIFICATION_DEFAULTS: Readonly<Record<NotificationType, boolean>> = Object.freeze({
  'conversation.created': false,
  'conversation.assigned': true,
  'message.received': true,
  'comment.mention': true,
  // Following is a choice made per conversation: its news is wanted unless switched off.
  'comment.created': true,
  'conversation.status.changed': true,
});

/** On/off per notification type; a missing type inherits (inbox → user-wide → default). */
export const notificationTogglesSchema = z
  .object({
    /** A new conversation in an inbox I am a member of (also: a conversation released from spam). */
    'conversation.created': z.boolean(),
    /** A conversation was assigned to me (by someone else or by a routing rule). */
    'conversation.assigned': z.boolean(),
    /** A new incoming message in a conversation assigned to me or that I follow. */
    'message.received': z.boolean(),
    /** Someone mentioned me in a comment. */
    'comment.mention': z.boolean(),
    /** Someone commented on a conversation I follow (without mentioning me). */
    'comment.created': z.boolean(),
    /** A conversation I follow was closed, reopened or snoozed. */
    'conversation.status.changed': z.boolean(),
  })
  .partial()
  .strict();
/** On/off per notification type. */
export type NotificationToggles = z.infer<typeof notificationTogglesSchema>;

/** Input of `notifications.setPreferences(userId, prefs)`: replaces the user's stored preferences. */
export const notificationPreferencesInput = z.strictObject({
  /** User-wide choices. */
  events: notificationTogglesSchema.default({}),
  /** Per-inbox choices, overriding `events` for that inbox. */
  inboxes: z.record(idSchema, notificationTogglesSchema).default({}),
});
/** Input of `notifications.setPreferences`. */
export type NotificationPreferencesInput = z.input<typeof notificationPreferencesInput>;

/** A user's stored notification preferences (record id = user id). */
export const notificationPreferencesSchema = notificationPreferencesInput.extend({
  id: idSchema,
  workspaceId: idSchema,
  updatedAt: timestampSchema,
});
/** A user's stored notification preferences. */
export type NotificationPreferencesRecord = z.infer<typeof notificationPreferencesSchema>;

/** What `notifications.getPreferences` returns: user-wide choices with defaults filled in, and per-inbox overrides. */
export interface NotificationPreferences {
  /** The user. */
  userId: string;
  /** Every type, resolved against the defaults. */
  events: Record<NotificationType, boolean>;
  /** Per-inbox overrides as set. */
  inboxes: Record<string, NotificationToggles>;
}

type StoredChoices = Pick<NotificationPreferencesRecord, 'events' | 'inboxes'>;

/** Whether a user with `prefs` (`null`: never set) wants notifications of `type` in `inboxId`. */
export function wantsNotification(prefs: StoredChoices | null, type: NotificationType, inboxId: string): boolean {
  return prefs?.inboxes[inboxId]?.[type] ?? prefs?.events[type] ?? NOTIFICATION_DEFAULTS[type];
}

/** The public view of stored preferences, defaults filled in. */
export function resolvePreferences(userId: string, prefs: StoredChoices | null): NotificationPreferences {
  return {
    userId,
    events: { ...NOTIFICATION_DEFAULTS, ...prefs?.events },
    inboxes: { ...prefs?.inboxes },
  };
}
