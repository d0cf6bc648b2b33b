import type { StateStore } from '../storage/storage.js';

/** One delivery attempt of one event to one webhook, as `webhooks.deliveries` lists it. */
export interface WebhookDelivery {
  /** Position in the webhook's log (1, 2, …): later attempts have larger numbers. */
  number: number;
  /** The webhook. */
  webhookId: string;
  /** The event delivered; also the `webhook-id` header receivers dedupe by. */
  eventId: string;
  /** Its type. */
  eventType: string;
  /** Its position in the workspace's event log. */
  seq: number;
  /** 1 for the first try of this event, 2 for the first retry, … */
  attempt: number;
  /** `succeeded` (2xx); `retrying` (failed, another attempt is scheduled); `failed` (the last attempt failed, the event was given up). */
  status: 'succeeded' | 'retrying' | 'failed';
  /** The endpoint's HTTP status, or `null` when no response came (timeout, refused). */
  httpStatus: number | null;
  /** From sending the request to the end of the response (ms). */
  durationMs: number;
  /** Why it failed (secrets redacted), or `null`. */
  error: string | null;
  /** The start of the response body (at most `RESPONSE_BODY_LIMIT` characters), or `null`. */
  responseBody: string | null;
  /** When the attempt started (epoch ms, the kit's clock). */
  at: number;
}

/** How much of a response body the log keeps. */
export const RESPONSE_BODY_LIMIT = 1024;

/**
 * The delivery log is a ring of state keys per webhook: entry `n` lives in slot `n % size`,
 * so an attempt writes one small key (not a growing list) and the log never holds more than
 * `size` entries. The head (`logged`) is kept in the webhook's cursor state.
 */
const slotKey = (webhookId: string, slot: number) => `webhook:${webhookId}:log:${slot}`;

/** Writes entry `delivery.number` (overwriting the one `size` before it). */
export function putDelivery(state: StateStore, workspaceId: string, delivery: WebhookDelivery, size: number): Promise<void> {
  return state.put(workspaceId, slotKey(delivery.webhookId, delivery.number % size), delivery);
}

/** Entries `from`, `from - 1`, … (at most `limit`, never older than the ring holds), newest first. */
export async function readDeliveries(
  state: StateStore,
  workspaceId: string,
  webhookId: string,
  range: { head: number; from: number; limit: number; size: number },
): Promise<WebhookDelivery[]> {
  const oldest = Math.max(1, range.head - range.size + 1);
  const numbers: number[] = [];
  for (let n = Math.min(range.from, range.head); n >= oldest && numbers.length < range.limit; n--) numbers.push(n);
  const entries = await Promise.all(numbers.map((n) => state.get<WebhookDelivery>(workspaceId, slotKey(webhookId, n % range.size))));
  // A slot may be missing (the log size shrank) or hold a newer lap; keep only the entry asked for.
  return entries.filter((entry, i): entry is WebhookDelivery => entry !== null && entry.number === numbers[i]);
}

/** Deletes a webhook's whole log. */
export async function deleteDeliveries(state: StateStore, workspaceId: string, webhookId: string, size: number): Promise<void> {
  for (let slot = 0; slot < size; slot++) await state.delete(workspaceId, slotKey(webhookId, slot));
}
