import { Webhook as Signer } from 'standardwebhooks';
import type { InboxEvent } from '../domain/events.js';
import { RESPONSE_BODY_LIMIT } from './delivery-log.js';

/** What one HTTP attempt came to. */
export interface SendOutcome {
  /** A 2xx answer. */
  ok: boolean;
  /** The HTTP status, or `null` when no response came. */
  httpStatus: number | null;
  /** Why it failed, or `null`. Not yet redacted. */
  error: string | null;
  /** The start of the response body, or `null`. */
  responseBody: string | null;
  /** Request to end of response, in real time (ms). */
  durationMs: number;
}

/** The body of every delivery: the Standard Webhooks payload shape. */
export function webhookPayload(event: InboxEvent): string {
  return JSON.stringify({ type: event.type, timestamp: new Date(event.at).toISOString(), data: event.data });
}

/** Reads at most about `RESPONSE_BODY_LIMIT` characters, then lets the rest go. */
async function bodyStart(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < RESPONSE_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.length > 0 ? text.slice(0, RESPONSE_BODY_LIMIT) : null;
}

function failure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : null;
  const message = error instanceof Error ? error.message : String(error);
  return detail ? `${message} (${detail})` : message;
}

/**
 * POSTs one event, signed per Standard Webhooks: `webhook-id` is the event id (receivers
 * dedupe retries by it), `webhook-timestamp` the attempt time in seconds on the kit's clock,
 * `webhook-signature` `v1,<base64 HMAC-SHA256>`. Redirects are not followed (a 3xx is a
 * failure): the signed request goes to the configured URL only. Never throws.
 */
export async function sendWebhook(request: { url: string; secret: string; event: InboxEvent; now: number; timeoutMs: number }): Promise<SendOutcome> {
  const body = webhookPayload(request.event);
  const timestamp = new Date(request.now);
  const signature = new Signer(request.secret).sign(request.event.id, timestamp, body);
  const abort = new AbortController();
  let timedOut = false;
  // Real time, not the kit's clock: this bounds a network wait.
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, request.timeoutMs);
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'InboxKit-Webhooks/1',
        'webhook-id': request.event.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
    });
    const responseBody = await bodyStart(response);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, httpStatus: response.status, error: ok ? null : `HTTP ${response.status}`, responseBody, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, httpStatus: null, error: failure(error, timedOut, request.timeoutMs), responseBody: null, durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
