import { z } from 'zod';
import type { Backoff } from '../runtime/background-job.js';

/** Options of webhook delivery (`createInboxKit({ webhooks })`). Every field has a default. */
export interface WebhookOptions {
  /**
   * Key material that seals webhook signing secrets in storage (AES-256-GCM), at least 32
   * characters (e.g. `openssl rand -base64 32`), kept outside the database like any key. An array
   * rotates keys: the first seals, all open. Without it `webhooks.create` throws `UNSUPPORTED`:
   * secrets are never stored in plain text.
   */
  encryptionKey?: string | string[];
  /** Attempts per event before it is given up and delivery moves on to the next. Default 5. */
  maxAttempts?: number;
  /** Delay before retry n: doubling from `initialMs` up to `maxMs`, then jittered to 50–100 %. Default 10 s to 10 min. */
  retry?: Backoff;
  /**
   * The kit disables a webhook (event `webhook.disabled`) once it has failed `failures` attempts in
   * a row (across events) and has been failing for at least `ms`. Default 20 attempts and 15 min:
   * about four given-up events, so a short outage costs a few retries and a dead endpoint stops
   * soon, keeping the rest of the log for when it is re-enabled.
   */
  disableAfter?: { failures: number; ms: number };
  /** One attempt's time limit, in real time (ms). Default 10 000. */
  timeoutMs?: number;
  /** How often every workspace's webhooks are checked besides event wake-ups (ms). Default 60 000. */
  sweepMs?: number;
  /** Delivery log entries kept per webhook (the oldest are overwritten). Default 100. */
  deliveryLogSize?: number;
}

const positive = z.number().int().positive();

/** Validates `createInboxKit({ webhooks })` and fills in the defaults. */
export const webhookOptionsSchema = z
  .strictObject({
    encryptionKey: z.union([z.string().min(32), z.array(z.string().min(32)).min(1)]).optional(),
    maxAttempts: positive.max(100).default(5),
    retry: z.strictObject({ initialMs: positive, maxMs: positive }).default({ initialMs: 10_000, maxMs: 600_000 }),
    disableAfter: z.strictObject({ failures: positive, ms: z.number().int().nonnegative() }).default({ failures: 20, ms: 900_000 }),
    timeoutMs: positive.max(300_000).default(10_000),
    sweepMs: positive.default(60_000),
    deliveryLogSize: positive.max(1000).default(100),
  })
  .prefault({});

/** Webhook options with defaults applied. Internal. */
export type ResolvedWebhookOptions = z.output<typeof webhookOptionsSchema>;
