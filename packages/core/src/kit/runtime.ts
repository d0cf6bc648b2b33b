import type { ChannelAdapter } from '../channels/channel-adapter.js';
import type { EventBus } from '../events/event-bus.js';
import type { BlobStore } from '../runtime/blobs.js';
import type { Clock } from '../runtime/clock.js';
import type { AssociationProvider, Notifier, SecretResolver } from '../runtime/host.js';
import type { IdGenerator } from '../runtime/ids.js';
import type { Logger } from '../runtime/logger.js';
import type { Redactor } from '../runtime/redactor.js';
import type { Storage } from '../storage/storage.js';
import type { HtmlSanitizer } from '../runtime/sanitize-html.js';
import type { SnoozeScheduler } from '../conversations/snooze-scheduler.js';
import type { ResolvedWebhookOptions } from '../webhooks/webhook-options.js';
import type { SecretSealer } from '../webhooks/webhook-secret.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';

/** Everything the kit's services share. Internal. */
export interface KitRuntime {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  /** The host's logger behind `redactor`: nothing logged carries a resolved secret. */
  logger: Logger;
  /** Every secret this kit resolved, scrubbed from errors, events and logs. */
  redactor: Redactor;
  notifier: Notifier | null;
  blobs: BlobStore;
  secrets: SecretResolver | null;
  associations: AssociationProvider[];
  fallbackEmailDomain: string;
  /** Applied to every `html` before it is stored. */
  sanitizeHtml: HtmlSanitizer;
  channels: Map<string, ChannelAdapter>;
  bus: EventBus;
  snoozes: SnoozeScheduler;
  /** Who views or types where (ephemeral, fed by store signals). */
  presence: PresenceTracker;
  /** Outgoing messages this process is delivering now (`workspaceId/messageId`), so a sweep never sends one twice at once. */
  delivering: Set<string>;
  /**
   * The inbox each channel was last seen in (`workspaceId/channelId` → inbox id): `kit.ingest`
   * reads the channel, its rule and that inbox's filters in one go, and checks the guess.
   */
  channelInboxes: Map<string, string>;
  /** Channels (`workspaceId/channelId`) whose last `kit.ingest` was a duplicate: the next one reads for a copy first. */
  duplicateChannels: Set<string>;
  /** This kit's holder name for leases (unique per process and kit). */
  instanceId: string;
  /** Webhook delivery options, defaults applied. */
  webhooks: ResolvedWebhookOptions;
  /** Seals webhook signing secrets with the host's key. */
  sealer: SecretSealer;
}
