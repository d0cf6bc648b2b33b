import { z } from 'zod';
import { httpUrlSchema, idSchema, timestampSchema } from '../domain/common.js';
import type { InboxEvent } from '../domain/events.js';
import { eventPatternSchema, matchesPattern } from './event-patterns.js';
import { webhookSecretSchema } from './webhook-secret.js';

/** An http(s) endpoint without credentials in it (`user:pass@` would be stored in plain text). */
const endpointUrl = httpUrlSchema.refine((url) => {
  const parsed = new URL(url);
  return parsed.username === '' && parsed.password === '';
}, 'must not carry credentials (user:password@); authenticate with the signature');

const events = z.array(eventPatternSchema).min(1).max(100).transform((list) => [...new Set(list)]);

/** Input of `webhooks.create`. */
export const createWebhookInput = z.strictObject({
  /** Where deliveries are POSTed: an absolute http(s) URL. */
  url: endpointUrl,
  /** Event types or patterns (`conversation.*`, `*`) to deliver. */
  events,
  /** Deliver only events of this inbox (events carrying `inboxId`); omitted: the whole workspace. */
  inboxId: idSchema.nullish(),
  /** Signing secret in Standard Webhooks format (`whsec_<base64>`); generated when omitted. */
  secret: webhookSecretSchema.optional(),
  /** Free text for the host's UI. */
  description: z.string().trim().max(500).optional(),
});
/** Input of `webhooks.create`. */
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

/** Patch of `webhooks.update`: the fields given change. */
export const updateWebhookInput = z.strictObject({
  url: endpointUrl.optional(),
  events: events.optional(),
  inboxId: idSchema.nullish(),
  description: z.string().trim().max(500).optional(),
  /** `false` pauses deliveries; `true` resumes a paused or disabled webhook from where it stopped. */
  enabled: z.boolean().optional(),
});
/** Patch of `webhooks.update`. */
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;

/** A webhook endpoint as the API shows it: never with its secret. */
export interface Webhook {
  /** Sortable unique id (`whk_…`). */
  id: string;
  /** Owning workspace. */
  workspaceId: string;
  /** Endpoint URL. */
  url: string;
  /** Subscribed event types and patterns. */
  events: string[];
  /** Only this inbox's events, or `null` for all. */
  inboxId: string | null;
  /** Free text. */
  description: string | null;
  /** Whether deliveries run. */
  enabled: boolean;
  /** Why it is not enabled: `paused` (by `update`) or `failing` (the kit disabled it); `null` when enabled. */
  disabledReason: 'paused' | 'failing' | null;
  /** When it was created (epoch ms). */
  createdAt: number;
  /** When it last changed (epoch ms). */
  updatedAt: number;
}

/** What `create` and `rotateSecret` return: the only time the secret is shown. */
export interface WebhookWithSecret extends Webhook {
  /** The signing secret (`whsec_…`). Keep it: the kit never shows it again. */
  secret: string;
}

/** A webhook as stored: with its secret sealed (see `webhook-secret.ts`). Internal to stores. */
export const webhookRecordSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  url: z.string(),
  events: z.array(z.string()),
  inboxId: idSchema.nullable(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  disabledReason: z.enum(['paused', 'failing']).nullable(),
  /** The signing secret encrypted with the kit's key: `v1.<keyId>.<iv>.<ciphertext+tag>`. */
  sealedSecret: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A webhook as stored. */
export type WebhookRecord = z.infer<typeof webhookRecordSchema>;

/** The public view of a stored webhook (the sealed secret removed). */
export function publicWebhook(record: WebhookRecord): Webhook {
  const { sealedSecret: _sealed, ...rest } = record;
  return rest;
}

/** Whether `event` goes to `webhook`: a subscribed type, and the webhook's inbox when it has one. */
export function webhookWants(webhook: WebhookRecord, event: InboxEvent): boolean {
  if (!webhook.events.some((pattern) => matchesPattern(pattern, event.type))) return false;
  if (webhook.inboxId === null) return true;
  const data = event.data as { inboxId?: unknown };
  return data.inboxId === webhook.inboxId;
}
