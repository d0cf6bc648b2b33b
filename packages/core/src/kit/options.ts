import { z } from 'zod';
import type { ChannelAdapter } from '../channels/channel-adapter.js';
import { ValidationError } from '../errors/validation-error.js';
import { zodIssues } from '../errors/parse.js';
import type { BlobStore } from '../runtime/blobs.js';
import type { Clock } from '../runtime/clock.js';
import type { AssociationProvider, Notifier, SecretResolver } from '../runtime/host.js';
import type { IdGenerator } from '../runtime/ids.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import type { HtmlSanitizer } from '../runtime/sanitize-html.js';
import { webhookOptionsSchema, type ResolvedWebhookOptions, type WebhookOptions } from '../webhooks/webhook-options.js';

/** Options of `createInboxKit`. Only `storage` is required. */
export interface InboxKitOptions {
  /** Where everything is kept (`memoryStorage()`, `postgresStorage(…)`). */
  storage: Storage;
  /** Channel adapters (`emailChannel()`, `chatChannel()`, …); one per type. Default none. */
  channels?: ChannelAdapter[];
  /** Time source. Default: the system clock; use `manualClock()` in tests. */
  clock?: Clock;
  /** Id generator. Default: sortable prefixed ids (`conv_01…`). */
  ids?: IdGenerator;
  /** Structured logger. Default: silent. */
  logger?: Logger;
  /** Delivers notifications to users. Default: none. */
  notifier?: Notifier;
  /** Attachment bytes. Default: in memory (use a durable store in production). */
  blobs?: BlobStore;
  /** Resolves secret references in channel configs. Default: none (channels needing secrets fail clearly). */
  secrets?: SecretResolver;
  /** Sources of associated records shown in the contact sidebar. Default none. */
  associations?: AssociationProvider[];
  /** Domain of generated inbox fallback addresses. Default `inbound.invalid` (set yours!). */
  fallbackEmailDomain?: string;
  /** Sanitizes every stored `html` (inbound of any channel and agent replies). Default: `sanitize-html` with an email allowlist. */
  sanitizeHtml?: HtmlSanitizer;
  /** Webhook delivery: the key sealing signing secrets, retries, disabling. See `WebhookOptions`. */
  webhooks?: WebhookOptions;
  /**
   * Days spam is kept: a spam conversation (a filter's or `markSpam`'s) that became spam and
   * last had a message longer ago is deleted with its timeline and attachment bytes by a
   * background job (after `kit.start()`, hourly, on the kit's clock), recording
   * `conversation.purged`. Kit-wide: one retention for every workspace, like the fallback
   * domain. An integer from 1 to 36500; `null` keeps spam forever. Default 90.
   */
  spamRetentionDays?: number | null;
}

const shape = z.object({
  storage: z.custom<Storage>(
    (s) => typeof s === 'object' && s !== null && (s as Storage).specificationVersion === 'v1',
    'expected a Storage with specificationVersion "v1"',
  ),
  channels: z
    .array(z.custom<ChannelAdapter>((a) => typeof a === 'object' && a !== null && (a as ChannelAdapter).specificationVersion === 'v1', 'expected a ChannelAdapter (v1)'))
    .default([])
    .refine((list) => new Set(list.map((a) => a.type)).size === list.length, 'two adapters share a channel type'),
  fallbackEmailDomain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'expected a domain name')
    .default('inbound.invalid'),
  sanitizeHtml: z.custom<HtmlSanitizer>((f) => typeof f === 'function', 'expected a function (html) => string').optional(),
  webhooks: webhookOptionsSchema,
  spamRetentionDays: z.number().int().min(1).max(36_500).nullable().default(90),
});

/** Validates kit options, throwing `VALIDATION` naming the field. */
export function parseKitOptions(options: InboxKitOptions): {
  channels: ChannelAdapter[];
  fallbackEmailDomain: string;
  webhooks: ResolvedWebhookOptions;
  spamRetentionDays: number | null;
} {
  const result = shape.safeParse(options ?? {});
  if (!result.success) throw new ValidationError('createInboxKit options', zodIssues(result.error));
  const { channels, fallbackEmailDomain, webhooks, spamRetentionDays } = result.data;
  return { channels, fallbackEmailDomain: fallbackEmailDomain.toLowerCase(), webhooks, spamRetentionDays };
}
