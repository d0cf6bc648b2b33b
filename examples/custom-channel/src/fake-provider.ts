// A stand-in SMS provider for tests and the demo: a real HTTP server on 127.0.0.1 with the
// provider's send API, and a way to "receive" a customer's text, which it forwards to the
// host's webhook with a signature, as the real provider would.
import { randomUUID } from 'node:crypto';
import { serveWebhooks, type RunningServer } from './serve.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './signature.js';

/** One SMS the provider accepted for sending. */
export interface ProviderSms {
  /** The provider's message id. */
  id: string;
  /** The sending number (the channel's). */
  from: string;
  /** The customer's number. */
  to: string;
  /** The message text. */
  text: string;
  /** The `Idempotency-Key` it came with. */
  idempotencyKey: string | null;
}

/** The fake provider. */
export interface FakeSmsProvider extends RunningServer {
  /** Messages accepted through `POST /v1/messages`, in order (a repeated idempotency key once). */
  readonly outbox: ProviderSms[];
  /** Makes the next `count` send calls answer `status` (e.g. 503, 400). */
  failNext(status: number, count?: number): void;
  /**
   * Delivers a customer's text to the host: POSTs the webhook to `webhookUrl`, signed with
   * `secret` at `timestampSec` (default now). Resolves with the host's HTTP status and body.
   */
  deliverInbound(input: {
    webhookUrl: string;
    secret: string;
    sms: { id?: string; from: string; to: string; text: string };
    timestampSec?: number;
  }): Promise<{ status: number; body: unknown }>;
}

/** Starts the fake provider; send calls must carry `Authorization: Bearer <apiKey>`. */
export async function startFakeSmsProvider(options: { apiKey: string }): Promise<FakeSmsProvider> {
  const outbox: ProviderSms[] = [];
  let failures = { status: 0, left: 0 };
  const answer = (status: number, body: unknown) => Response.json(body, { status });

  const server = await serveWebhooks(async (request) => {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/v1/messages') return answer(404, { error: 'not found' });
    if (request.headers.get('authorization') !== `Bearer ${options.apiKey}`) return answer(401, { error: 'invalid API key' });
    if (failures.left > 0) {
      failures.left--;
      return answer(failures.status, { error: 'simulated provider failure' });
    }
    const { from, to, text } = (await request.json()) as Omit<ProviderSms, 'id' | 'idempotencyKey'>;
    const idempotencyKey = request.headers.get('idempotency-key');
    const earlier = idempotencyKey ? outbox.find((sms) => sms.idempotencyKey === idempotencyKey) : undefined;
    if (earlier) return answer(200, { id: earlier.id });
    const sms: ProviderSms = { id: `SM${randomUUID().replaceAll('-', '')}`, from, to, text, idempotencyKey };
    outbox.push(sms);
    return answer(201, { id: sms.id });
  });

  return {
    ...server,
    outbox,
    failNext(status, count = 1) {
      failures = { status, left: count };
    },
    async deliverInbound({ webhookUrl, secret, sms, timestampSec = Math.floor(Date.now() / 1000) }) {
      const body = JSON.stringify({ id: sms.id ?? `SM${randomUUID().replaceAll('-', '')}`, from: sms.from, to: sms.to, text: sms.text });
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(secret, timestampSec, body), [TIMESTAMP_HEADER]: String(timestampSec) },
        body,
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
  };
}
