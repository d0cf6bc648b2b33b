import type { FieldIssue } from '../errors/validation-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import {
  notificationPreferencesInput,
  resolvePreferences,
  type NotificationPreferences,
  type NotificationPreferencesInput,
  type NotificationPreferencesRecord,
} from './preferences.js';

/** Per-user notification preferences; delivery goes through the host's `notifier`. */
export interface NotificationsApi {
  /**
   * Replaces a user's preferences: user-wide `events` toggles and per-inbox overrides.
   * Types left out inherit (inbox → user-wide → default; see `NOTIFICATION_DEFAULTS`).
   * Users set their own; admins anyone's. `NOT_FOUND` for an unknown user.
   */
  setPreferences(userId: string, prefs: NotificationPreferencesInput): Promise<NotificationPreferences>;
  /** A user's preferences with defaults filled in. Users read their own; admins anyone's. */
  getPreferences(userId: string): Promise<NotificationPreferences>;
}

/** Builds the notifications API of a scope. */
export function notificationsService(scope: Scope): NotificationsApi {
  const { workspaceId, runtime } = scope;
  return {
    async setPreferences(userId, prefs) {
      await scope.access.requireSelfOrAdmin(userId, 'set the notification preferences');
      const parsed = parseInput(notificationPreferencesInput, prefs, 'notification preferences');
      return scope.mutate(async (tx, events) => {
        requireFound(await tx.records.get(workspaceId, 'user', userId), 'user', userId);
        const inboxIds = Object.keys(parsed.inboxes);
        const inboxes = await Promise.all(inboxIds.map((id) => tx.records.get(workspaceId, 'inbox', id)));
        const issues: FieldIssue[] = inboxIds
          .filter((_, i) => !inboxes[i])
          .map((id) => ({ path: `inboxes.${id}`, message: `unknown inbox "${id}"` }));
        if (issues.length > 0) throw new ValidationError('notification preferences', issues);
        const record: NotificationPreferencesRecord = { id: userId, workspaceId, ...parsed, updatedAt: runtime.clock.now() };
        await tx.records.put('notificationPreferences', record);
        events.record('notification.preferences.changed', { userId });
        return resolvePreferences(userId, record);
      });
    },
    async getPreferences(userId) {
      await scope.access.requireSelfOrAdmin(userId, 'read the notification preferences');
      requireFound(await scope.storage.records.get(workspaceId, 'user', userId), 'user', userId);
      return resolvePreferences(userId, await scope.storage.records.get(workspaceId, 'notificationPreferences', userId));
    },
  };
}
