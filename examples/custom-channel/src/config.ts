import { z } from 'zod';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number like +4712345678');

/**
 * One SMS channel: the provider number it receives on and replies from, and references to the
 * provider credentials (resolved through the host's `secrets.resolve` at use time, never stored).
 */
export const smsConfigSchema = z.strictObject({
  /** The provider number customers text; replies are sent from it. */
  number: e164,
  /** Secret reference of the provider API key used to send. */
  apiKeyRef: z.string().min(1),
  /** Secret reference of the key the provider signs this number's webhooks with. */
  webhookSecretRef: z.string().min(1),
});

/** A parsed SMS channel config. */
export type SmsChannelConfig = z.infer<typeof smsConfigSchema>;

/** The body of the provider's inbound-SMS webhook. */
export const inboundSmsSchema = z.object({
  /** The provider's message id: the `externalId` that makes a redelivered webhook a duplicate. */
  id: z.string().min(1).max(200),
  /** The customer's number. */
  from: e164,
  /** The channel's number the customer texted. */
  to: e164,
  /** The message text. */
  text: z.string().max(10_000),
  /** When the provider received it (ISO 8601), if it says. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

/** An inbound SMS as the provider's webhook reports it. */
export type InboundSms = z.infer<typeof inboundSmsSchema>;

/** Options of `smsChannel`. */
export const smsOptionsSchema = z.strictObject({
  /** Base URL of the provider's REST API, e.g. `https://api.sms-provider.example`. */
  apiUrl: z.url({ protocol: /^https?$/ }),
  /** How old a signed webhook may be, in ms. Default 5 minutes. */
  toleranceMs: z.number().int().positive().default(5 * 60_000),
  /** The `fetch` used to call the provider. Default: the global `fetch`. */
  fetch: z.custom<typeof fetch>((value) => typeof value === 'function', 'expected a fetch function').optional(),
});

/** Options of `smsChannel`. */
export type SmsChannelOptions = z.input<typeof smsOptionsSchema>;
