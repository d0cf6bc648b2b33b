import type { Notification, Notifier } from '@inboxkit/core';

/** What the desk keeps of a notification, for the agent's bell. */
export interface DeskNotification extends Notification {
  /** When it arrived (the kit's clock). */
  at: number;
}

/** The demo's notifier: keeps each agent's recent notifications in memory (a host would push or email them). */
export interface NotificationFeed extends Notifier {
  /** The user's notifications, newest first. */
  forUser(userId: string): DeskNotification[];
  /** How many arrived since the user last opened the list. */
  unread(userId: string): number;
  /** The user opened the list. */
  markSeen(userId: string): void;
}

const KEEP = 50;

/** A notifier that records per user (at most 50 each) and passes every notification to `onNotify`. */
export function notificationFeed(now: () => number, onNotify: (n: Notification) => Promise<void> | void = () => {}): NotificationFeed {
  const byUser = new Map<string, DeskNotification[]>();
  const seenAt = new Map<string, number>();
  return {
    async notify(notification) {
      const list = byUser.get(notification.userId) ?? [];
      list.unshift({ ...notification, at: now() });
      byUser.set(notification.userId, list.slice(0, KEEP));
      await onNotify(notification);
    },
    forUser: (userId) => byUser.get(userId) ?? [],
    unread: (userId) => (byUser.get(userId) ?? []).filter((n) => n.at > (seenAt.get(userId) ?? -Infinity)).length,
    markSeen: (userId) => void seenAt.set(userId, now()),
  };
}
