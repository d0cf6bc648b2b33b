import { adapterContext, registerRuntime } from '../channels/adapter-context.js';
import { deliver } from '../conversations/deliver.js';
import { DELIVERY_LEASE_MS } from '../conversations/delivery-lease.js';
import { SnoozeScheduler } from '../conversations/snooze-scheduler.js';
import { spamPurgeJob } from '../conversations/spam-purge.js';
import { PresenceTracker } from '../presence/presence-tracker.js';
import type { InboundMessage } from '../domain/inbound.js';
import { EventBus } from '../events/event-bus.js';
import type { InboxEventEmitter } from '../events/typed-emitter.js';
import { ingest } from '../ingest/ingest.js';
import { ingestMany, type IngestManyResult } from '../ingest/ingest-many.js';
import type { IngestResult } from '../ingest/ingest-result.js';
import { backgroundJob } from '../runtime/background-job.js';
import { memoryBlobs } from '../runtime/blobs.js';
import { systemClock } from '../runtime/clock.js';
import { sortableIds } from '../runtime/ids.js';
import { defaultSanitizeHtml } from '../runtime/sanitize-html.js';
import { silentLogger } from '../runtime/logger.js';
import { createRedactor, redactingLogger } from '../runtime/redactor.js';
import { workspacesService, type WorkspacesApi } from '../workspaces/workspaces-service.js';
import { createNotificationDispatcher } from '../notifications/notification-dispatcher.js';
import { createRoutingAutomation } from '../routing/routing-automation.js';
import { parseKitOptions, type InboxKitOptions } from './options.js';
import type { KitRuntime } from './runtime.js';
import { Scope } from './scope.js';
import { workspaceApi, type WorkspaceApi } from './workspace-api.js';
import { createWebhookDeliverer } from '../webhooks/webhook-deliverer.js';
import { secretSealer } from '../webhooks/webhook-secret.js';

/** The embedded inbox. Create with `createInboxKit`. */
export interface InboxKit {
  /** Create and list workspaces (tenants). */
  readonly workspaces: WorkspacesApi;
  /** Everything inside one workspace. */
  workspace(workspaceId: string): WorkspaceApi;
  /** The one door for inbound messages (channel adapters call it; so may hosts). */
  ingest(message: InboundMessage): Promise<IngestResult>;
  /**
   * The batch door for backlogs (an IMAP first sync): the same exactly-once pipeline as
   * `ingest` for every message, with consecutive messages of a workspace sharing a
   * transaction. Returns one result per message, in order; a message that fails is an
   * `IngestFailure` carrying the error `ingest` would have thrown, and fails alone.
   */
  ingestMany(messages: readonly InboundMessage[]): Promise<IngestManyResult[]>;
  /** Typed emitter of committed events (`kit.events.on('message.received', e => …)`). */
  readonly events: InboxEventEmitter;
  /**
   * Starts channel adapters, the cross-process event feed, snooze wake-ups, routing wake-ups,
   * pending deliveries, webhook deliveries and the spam purge (`spamRetentionDays`). Background jobs that fail (a storage outage) log and retry with
   * backoff; they never reject into the host. Idempotent.
   */
  start(): Promise<void>;
  /** Stops what `start` began, in reverse. Idempotent. Does not close the storage (the host owns it). */
  stop(): Promise<void>;
  /**
   * Resolves once the background work caused by earlier calls is done: notifications planned
   * and attempted, routing queues drained, due webhook deliveries attempted. For tests; retries and wake-ups scheduled on the
   * clock are not waited for (advance a manual clock for those).
   */
  idle(): Promise<void>;
}

/**
 * How often outgoing messages left `pending` (a crash, a storage outage) are looked for: as
 * often as a crashed sender's delivery lease lapses, so its messages go out soon after.
 */
const PENDING_SWEEP_MS = DELIVERY_LEASE_MS;

/** Creates an InboxKit. Options are validated now; a bad option throws `VALIDATION`. */
export function createInboxKit(options: InboxKitOptions): InboxKit {
  const { channels, fallbackEmailDomain, webhooks, spamRetentionDays } = parseKitOptions(options);
  const clock = options.clock ?? systemClock();
  const redactor = createRedactor();
  const logger = redactingLogger(options.logger ?? silentLogger, redactor);
  const runtime = {
    redactor,
    storage: options.storage,
    clock,
    ids: options.ids ?? sortableIds(() => clock.now()),
    logger,
    notifier: options.notifier ?? null,
    blobs: options.blobs ?? memoryBlobs(),
    secrets: options.secrets ?? null,
    associations: options.associations ?? [],
    fallbackEmailDomain,
    sanitizeHtml: options.sanitizeHtml ?? defaultSanitizeHtml,
    channels: new Map(channels.map((adapter) => [adapter.type, adapter])),
    bus: new EventBus(options.storage, logger),
    delivering: new Set<string>(),
    channelInboxes: new Map<string, string>(),
    duplicateChannels: new Set<string>(),
    instanceId: `kit-${globalThis.crypto.randomUUID()}`,
    webhooks,
    sealer: secretSealer(webhooks.encryptionKey),
  } as KitRuntime;
  runtime.snoozes = new SnoozeScheduler(runtime);
  runtime.presence = new PresenceTracker(runtime);
  // After-commit work: never delays or fails the change that caused it.
  const notifications = createNotificationDispatcher(runtime);
  const routing = createRoutingAutomation(runtime);
  runtime.bus.onCommit(notifications.onCommit);
  runtime.bus.onCommit(routing.onCommit);
  const webhookDeliveries = createWebhookDeliverer(runtime);

  let started: Promise<void> | null = null;
  const startedAdapters: typeof channels = [];

  // Outgoing messages a crash left `pending` are delivered once more, whatever their age; the
  // delivery lease skips those a live process is sending (at-least-once, same externalId).
  const pendingDeliveries = backgroundJob({
    name: 'pending deliveries',
    clock,
    logger,
    everyMs: PENDING_SWEEP_MS,
    async run() {
      const pending = await runtime.storage.timeline.listPending(clock.now() + 1, 500);
      for (const message of pending) await deliver(new Scope(runtime, message.workspaceId, null), message.id);
    },
  });

  const spamPurge = spamRetentionDays === null ? null : spamPurgeJob(runtime, spamRetentionDays);

  const kit: InboxKit = {
    workspaces: workspacesService(runtime),
    workspace: (workspaceId) => workspaceApi(runtime, workspaceId, null),
    ingest: (message) => ingest(runtime, message),
    ingestMany: (messages) => ingestMany(runtime, messages),
    events: runtime.bus.emitter,
    start() {
      started ??= (async () => {
        await runtime.bus.start();
        await runtime.presence.start();
        for (const adapter of channels) {
          await adapter.start?.(adapterContext(runtime, adapter.type));
          startedAdapters.push(adapter);
        }
        await runtime.snoozes.start();
        await routing.start();
        await pendingDeliveries.start();
        await webhookDeliveries.start();
        await spamPurge?.start();
      })();
      return started;
    },
    async stop() {
      // Presence may have subscribed on first use without `start()`.
      if (!started) return runtime.presence.stop();
      await started.catch(() => undefined);
      started = null;
      await webhookDeliveries.stop();
      runtime.snoozes.stop();
      pendingDeliveries.stop();
      spamPurge?.stop();
      routing.stop();
      notifications.stop();
      for (const adapter of startedAdapters.splice(0).reverse()) {
        try {
          await adapter.stop?.();
        } catch (error) {
          logger.error('channel adapter failed to stop', { type: adapter.type, error: String(error) });
        }
      }
      await runtime.presence.stop();
      await runtime.bus.stop();
    },
    async idle() {
      // Drains notify and notifications never route, but loop until both are quiet at once.
      while (routing.busy || notifications.busy || webhookDeliveries.busy) {
        await routing.idle();
        await notifications.idle();
        await webhookDeliveries.idle();
      }
    },
  };
  registerRuntime(kit, runtime);
  return kit;
}
