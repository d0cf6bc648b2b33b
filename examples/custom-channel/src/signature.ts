// Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>`, the scheme most SMS providers use
// (Twilio, Vonage and Standard Webhooks differ only in header names and encodings).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `v1=<hex HMAC-SHA256>` of `<timestamp>.<raw body>`. */
export const SIGNATURE_HEADER = 'x-sms-signature';
/** Header carrying the provider's send time, in epoch seconds. */
export const TIMESTAMP_HEADER = 'x-sms-timestamp';

/** The signature header value the provider sends for `body` at `timestampSec`. */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

/** Why a webhook was refused, or `ok`. */
export type WebhookVerdict = 'ok' | 'missing-signature' | 'bad-signature' | 'stale';

/**
 * Checks a webhook's signature and age. The timestamp is part of the signed text, so an old
 * request cannot be replayed with a fresh timestamp; `toleranceMs` bounds how old (or how far
 * in the future, for clock skew) an accepted request may be.
 */
export function verifyWebhook(input: {
  secret: string;
  body: string;
  signature: string | null;
  timestamp: string | null;
  nowMs: number;
  toleranceMs: number;
}): WebhookVerdict {
  if (!input.signature || !input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) return 'missing-signature';
  const expected = Buffer.from(signWebhook(input.secret, Number(input.timestamp), input.body));
  const given = Buffer.from(input.signature);
  // Constant-time compare, so response timing does not reveal how much of a guess was right.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  if (Math.abs(input.nowMs - Number(input.timestamp) * 1000) > input.toleranceMs) return 'stale';
  return 'ok';
}
