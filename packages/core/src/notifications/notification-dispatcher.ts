import type { AnyInboxEvent, InboxEvent } from '../domain/events.js';
import { inboxMemberIds } from '../domain/membership.js';
import type { CommitHook } from '../events/event-bus.js';
import type { KitRuntime } from '../kit/runtime.js';
import { errorFields } from '../runtime/error-fields.js';
import type { Notification } from '../runtime/host.js';
import type { StorageOperations } from '../storage/storage.js';
import { DEFAULT_NOTIFICATION_POLICY, DeliveryQueue, type NotificationPolicy } from './delivery-queue.js';
import { NOTIFYING_EVENTS, planNotifications, type PlanContext } from './notification-plan.js';

/** Turns committed events into notifications for the host's `notifier`. */
export interface NotificationDispatcher {
  /** Register with `runtime.bus.onCommit`. Returns at once: planning and delivery run in the background. */
  readonly onCommit: CommitHook;
  /** True while notifications are being planned, delivered or wait for a slot. */
  readonly busy: boolean;
  /** Resolves once planned and queued notifications were attempted (scheduled retries are not waited for). */
  idle(): Promise<void>;
  /** Stops delivering: drops what waits and cancels retries. */
  stop(): void;
}

type EventWithConversation = AnyInboxEvent & { data: { conversationId: string } };

/** Reads, from the event's own workspace only, what planning needs; `null` when the conversation is gone. */
async function loadContext(storage: StorageOperations, workspaceId: string, conversationId: string): Promise<PlanContext | null> {
  const conversation = await storage.conversations.get(workspaceId, conversationId);
  if (!conversation) return null;
  const [inbox, teams, users, preferences, followers] = await Promise.all([
    storage.records.get(workspaceId, 'inbox', conversation.inboxId),
    storage.records.list(workspaceId, 'team'),
    storage.records.list(workspaceId, 'user'),
    storage.records.list(workspaceId, 'notificationPreferences'),
    storage.followers?.list(workspaceId, conversationId) ?? [],
  ]);
  if (!inbox) return null;
  const existing = new Set(users.items.map((u) => u.id));
  const inboxMembers = new Set([...inboxMemberIds(inbox, teams.items)].filter((id) => existing.has(id)));
  const canSee = new Set([...inboxMembers, ...users.items.filter((u) => u.role === 'admin').map((u) => u.id)]);
  // Followers are kept when they lose access to the inbox; `canSee` keeps them from hearing of it.
  return { conversation, inbox, inboxMembers, canSee, followers, preferences: new Map(preferences.items.map((p) => [p.id, p])) };
}

/** The notifications of one commit, in event order. Each conversation's context is read once. */
async function plan(storage: StorageOperations, events: EventWithConversation[]): Promise<Notification[]> {
  const contexts = new Map<string, Promise<PlanContext | null>>();
  const notifications: Notification[] = [];
  for (const event of events) {
    const key = `${event.workspaceId}/${event.data.conversationId}`;
    if (!contexts.has(key)) contexts.set(key, loadContext(storage, event.workspaceId, event.data.conversationId));
    const ctx = await contexts.get(key)!;
    if (ctx) notifications.push(...planNotifications(event, ctx));
  }
  return notifications;
}

/**
 * Creates the notification dispatcher of a kit. It runs after the state change committed
 * (a commit hook), so a notification never announces something that was rolled back, and
 * it never blocks or fails the change: planning reads run in the background and delivery
 * goes through a bounded queue with timeouts and retries (`NotificationPolicy`, defaults in
 * `DEFAULT_NOTIFICATION_POLICY`); failures are logged. Notifications are sent by the process
 * that made the change. Without a `notifier`, nothing is planned at all.
 */
export function createNotificationDispatcher(
  runtime: Pick<KitRuntime, 'storage' | 'clock' | 'logger' | 'notifier'>,
  policy: Partial<NotificationPolicy> = {},
): NotificationDispatcher {
  const { notifier, storage, logger } = runtime;
  const queue = notifier
    ? new DeliveryQueue((n) => notifier.notify(n), runtime.clock, logger, { ...DEFAULT_NOTIFICATION_POLICY, ...policy })
    : null;
  const planning = new Set<Promise<void>>();

  return {
    onCommit(events: InboxEvent[]) {
      if (!queue) return;
      const relevant = events.filter((e): e is EventWithConversation => NOTIFYING_EVENTS.has(e.type));
      if (relevant.length === 0) return;
      const task = plan(storage, relevant).then(
        (notifications) => notifications.forEach((n) => queue.push(n)),
        (error: unknown) => logger.error('planning notifications failed', { workspaceId: relevant[0]!.workspaceId, ...errorFields(error) }),
      );
      planning.add(task);
      void task.finally(() => planning.delete(task));
    },
    get busy() {
      return planning.size > 0 || Boolean(queue?.busy);
    },
    async idle() {
      while (planning.size > 0 || queue?.busy) {
        await Promise.all(planning);
        await queue?.idle();
      }
    },
    stop() {
      queue?.stop();
    },
  };
}
