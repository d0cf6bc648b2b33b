import { z } from 'zod';
import { idSchema, pageQuerySchema, type Page } from '../domain/common.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { decodeCursor, encodeCursor } from '../storage/cursor.js';
import type { StorageOperations } from '../storage/storage.js';
import { deleteDeliveries, readDeliveries, type WebhookDelivery } from './delivery-log.js';
import {
  createWebhookInput,
  publicWebhook,
  updateWebhookInput,
  type CreateWebhookInput,
  type UpdateWebhookInput,
  type Webhook,
  type WebhookRecord,
  type WebhookWithSecret,
} from './webhook.js';
import { cursorKey, freshCursor, lastEventSeq, readCursor } from './webhook-cursor.js';
import { generateWebhookSecret, sealContext, webhookSecretSchema } from './webhook-secret.js';

const listQuery = pageQuerySchema.extend({ inboxId: idSchema.optional() });
const deliveriesQuery = pageQuerySchema;
const rotateInput = z.strictObject({ secret: webhookSecretSchema.optional() }).prefault({});

/**
 * Webhooks: HTTP endpoints that receive the workspace's events, signed per Standard Webhooks.
 * Every method is admin only (`FORBIDDEN` for agents); ids of another workspace are `NOT_FOUND`.
 * Deliveries run in the background once `kit.start()` was called; see `WebhookOptions` for
 * retries and disabling.
 */
export interface WebhooksApi {
  /**
   * Creates a webhook; it receives events committed from now on. Returns it with its signing
   * secret (given, or generated when omitted), the only time the secret is shown. `VALIDATION`
   * names a bad `url`, `events` entry, `secret` or an unknown `inboxId`; `UNSUPPORTED` when the
   * kit has no `webhooks.encryptionKey` to seal the secret with.
   */
  create(input: CreateWebhookInput): Promise<WebhookWithSecret>;
  /** The webhook (never its secret); `NOT_FOUND` when missing. */
  get(id: string): Promise<Webhook>;
  /** Webhooks ordered by id, optionally those of one inbox. */
  list(query?: { inboxId?: string; cursor?: string | null; limit?: number }): Promise<Page<Webhook>>;
  /**
   * Changes the given fields. `enabled: true` resumes a paused or disabled webhook at the first
   * event it has not delivered (nothing committed meanwhile is skipped) with its failure count reset.
   * A new `url` for a webhook waiting to retry retries at once.
   */
  update(id: string, patch: UpdateWebhookInput): Promise<Webhook>;
  /** Replaces the signing secret (the given one, or a generated one) and returns it, once. */
  rotateSecret(id: string, input?: { secret?: string }): Promise<WebhookWithSecret>;
  /** Deletes the webhook, its cursor and its delivery log; `NOT_FOUND` when missing. */
  delete(id: string): Promise<void>;
  /** The webhook's delivery attempts, newest first (the last `deliveryLogSize` are kept). `NOT_FOUND` when the webhook is missing. */
  deliveries(webhookId: string, query?: { cursor?: string | null; limit?: number }): Promise<Page<WebhookDelivery>>;
}

/** Builds the webhooks API of a scope. */
export function webhooksService(scope: Scope): WebhooksApi {
  const { workspaceId, runtime } = scope;
  const admin = () => scope.access.requireAdmin('manage webhooks');

  async function checkInbox(tx: StorageOperations, inboxId: string | null | undefined): Promise<void> {
    if (inboxId && !(await tx.records.get(workspaceId, 'inbox', inboxId))) {
      throw new ValidationError('webhook', [{ path: 'inboxId', message: `unknown inbox "${inboxId}"` }]);
    }
  }

  /** Seals `secret` for webhook `id` and lets the redactor scrub it from everything leaving the kit. */
  function seal(id: string, secret: string): string {
    const sealed = runtime.sealer.seal(secret, sealContext(workspaceId, id));
    runtime.redactor.add(secret);
    return sealed;
  }

  const find = (tx: StorageOperations, id: string) => tx.records.get(workspaceId, 'webhook', id).then((w) => requireFound(w, 'webhook', id));

  return {
    async create(input) {
      await admin();
      const { secret: given, inboxId, description, ...rest } = parseInput(createWebhookInput, input, 'webhook');
      const secret = given ?? generateWebhookSecret();
      const id = runtime.ids.next('whk');
      const now = runtime.clock.now();
      const record: WebhookRecord = {
        id,
        workspaceId,
        ...rest,
        inboxId: inboxId ?? null,
        description: description ?? null,
        enabled: true,
        disabledReason: null,
        sealedSecret: seal(id, secret),
        createdAt: now,
        updatedAt: now,
      };
      await scope.mutate(async (tx, events) => {
        await checkInbox(tx, record.inboxId);
        await tx.records.put('webhook', record);
        await tx.state.put(workspaceId, cursorKey(id), freshCursor(await lastEventSeq(tx.events, workspaceId)));
        events.record('webhook.created', { webhookId: id, inboxId: record.inboxId });
      });
      return { ...publicWebhook(record), secret };
    },
    async get(id) {
      await admin();
      return publicWebhook(await find(scope.storage, id));
    },
    async list(query = {}) {
      await admin();
      const { inboxId, cursor, limit } = parseInput(listQuery, query, 'webhook query');
      const page = await scope.storage.records.list(workspaceId, 'webhook', { where: inboxId ? { inboxId } : undefined, cursor: cursor ?? null, limit });
      return { items: page.items.map(publicWebhook), nextCursor: page.nextCursor };
    },
    async update(id, patch) {
      await admin();
      const parsed = parseInput(updateWebhookInput, patch, 'webhook');
      const updated = await scope.mutate(async (tx, events) => {
        const current = await find(tx, id);
        await checkInbox(tx, parsed.inboxId);
        const { enabled, ...fields } = parsed;
        const next: WebhookRecord = { ...current, ...fields, updatedAt: runtime.clock.now() };
        const resumed = enabled === true && !current.enabled;
        if (enabled !== undefined && enabled !== current.enabled) {
          next.enabled = enabled;
          next.disabledReason = enabled ? null : 'paused';
        }
        const cursor = await readCursor(tx.state, workspaceId, id, true);
        if (cursor && resumed) {
          // Resuming starts over at the first undelivered event, with a clean failure record.
          await tx.state.put(workspaceId, cursorKey(id), freshCursor(cursor.seq, cursor.logged));
        } else if (cursor && cursor.nextAttemptAt !== null && next.url !== current.url) {
          // A new URL is likely the fix: retry now rather than after the old one's backoff.
          await tx.state.put(workspaceId, cursorKey(id), { ...cursor, nextAttemptAt: null });
        }
        await tx.records.put('webhook', next);
        events.record('webhook.updated', { webhookId: id, inboxId: next.inboxId, fields: changedFields(parsed) });
        return next;
      });
      return publicWebhook(updated);
    },
    async rotateSecret(id, input) {
      await admin();
      const { secret: given } = parseInput(rotateInput, input, 'webhook secret');
      const secret = given ?? generateWebhookSecret();
      const sealedSecret = seal(id, secret);
      const updated = await scope.mutate(async (tx, events) => {
        const next: WebhookRecord = { ...(await find(tx, id)), sealedSecret, updatedAt: runtime.clock.now() };
        await tx.records.put('webhook', next);
        events.record('webhook.updated', { webhookId: id, inboxId: next.inboxId, fields: ['secret'] });
        return next;
      });
      return { ...publicWebhook(updated), secret };
    },
    async delete(id) {
      await admin();
      await scope.mutate(async (tx, events) => {
        const current = await find(tx, id);
        await tx.records.delete(workspaceId, 'webhook', id);
        await tx.state.delete(workspaceId, cursorKey(id));
        await deleteDeliveries(tx.state, workspaceId, id, runtime.webhooks.deliveryLogSize);
        events.record('webhook.deleted', { webhookId: id, inboxId: current.inboxId });
      });
    },
    async deliveries(webhookId, query = {}) {
      await admin();
      const { cursor, limit } = parseInput(deliveriesQuery, query, 'delivery query');
      await find(scope.storage, webhookId);
      const head = (await readCursor(scope.storage.state, workspaceId, webhookId))?.logged ?? 0;
      const from = cursor ? Number(decodeCursor(cursor, ['number'])[0]) : head;
      const size = runtime.webhooks.deliveryLogSize;
      const items = await readDeliveries(scope.storage.state, workspaceId, webhookId, { head, from, limit, size });
      const last = items.at(-1);
      const more = last !== undefined && last.number > Math.max(1, head - size + 1);
      return { items, nextCursor: more ? encodeCursor([last.number - 1]) : null };
    },
  };
}
