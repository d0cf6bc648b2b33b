import { InboxKitError, ValidationError, type ChannelContext } from '@inboxkit/core';
import { inboundSmsSchema, type SmsChannelConfig } from './config.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './signature.js';

/** A fetch-style HTTP handler: what hosts mount for the provider's webhooks. */
export type SmsWebhookHandler = (request: Request) => Promise<Response>;

/** Largest webhook body read; an SMS webhook is a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;
const ROUTE = /^\/sms\/([^/]+)\/inbound$/;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
const refuse = (status: number, code: string, message: string, fields?: Record<string, string>) =>
  json(status, { error: { code, message, ...(fields && { fields }) } });

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // a malformed %-escape names no channel
  }
}

/**
 * The inbound webhook: `POST /sms/<channelId>/inbound`, the URL the host registers with the
 * provider for that channel's number. It verifies the signature with the channel's own webhook
 * secret *before* reading anything from the body, so only the provider can put messages into
 * the channel, then ingests the SMS. Answers tell the provider what to do: 2xx done (also for a
 * duplicate), 4xx do not retry, 503 retry later.
 */
export function smsWebhookHandler(deps: { context: () => ChannelContext | null; toleranceMs: number }): SmsWebhookHandler {
  return async (request) => {
    const route = ROUTE.exec(new URL(request.url).pathname);
    if (!route) return refuse(404, 'NOT_FOUND', 'no such endpoint');
    if (request.method !== 'POST') return refuse(405, 'METHOD_NOT_ALLOWED', 'use POST');
    const context = deps.context();
    if (!context) return refuse(503, 'UNAVAILABLE', 'the inbox is not started');
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return refuse(413, 'TOO_LARGE', 'body too large');
    const body = await request.text();
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return refuse(413, 'TOO_LARGE', 'body too large');

    const channelId = safeDecode(route[1]!);
    const channel = channelId === null ? null : await context.findChannel(channelId);
    // A disconnected channel answers like an unknown one: the provider should stop sending.
    if (!channel || channel.status !== 'active') return refuse(404, 'NOT_FOUND', 'unknown channel');
    const config = channel.config as SmsChannelConfig;

    let secret: string;
    try {
      secret = await context.resolveSecret(config.webhookSecretRef);
    } catch {
      context.logger.error('sms webhook secret did not resolve', { channelId, ref: config.webhookSecretRef });
      return refuse(503, 'UNAVAILABLE', 'try again later');
    }
    const verdict = verifyWebhook({
      secret,
      body,
      signature: request.headers.get(SIGNATURE_HEADER),
      timestamp: request.headers.get(TIMESTAMP_HEADER),
      nowMs: context.clock.now(),
      toleranceMs: deps.toleranceMs,
    });
    if (verdict !== 'ok') {
      context.logger.warn('sms webhook refused', { channelId, verdict });
      return refuse(401, 'UNAUTHORIZED', `webhook signature refused (${verdict})`);
    }

    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return refuse(400, 'VALIDATION', 'the body is not JSON');
    }
    const parsed = inboundSmsSchema.safeParse(payload);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'body', issue.message]));
      return refuse(400, 'VALIDATION', 'invalid inbound SMS', fields);
    }
    const sms = parsed.data;
    if (sms.to !== config.number) return refuse(400, 'VALIDATION', 'invalid inbound SMS', { to: "not this channel's number" });

    try {
      const result = await context.ingest({
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        externalId: sms.id,
        from: { phone: sms.from },
        to: [sms.to],
        text: sms.text,
        ...(sms.receivedAt && { receivedAt: Date.parse(sms.receivedAt) }),
      });
      return json(200, { status: result.status, duplicate: result.duplicate, conversationId: result.conversation?.id ?? null });
    } catch (error) {
      if (ValidationError.isInstance(error)) return refuse(400, 'VALIDATION', error.message);
      const retryable = InboxKitError.isInstance(error) && error.retryable;
      context.logger.error('sms webhook ingest failed', { channelId, smsId: sms.id, error: (error as Error).message });
      return refuse(retryable ? 503 : 500, 'INTERNAL', 'the message could not be stored');
    }
  };
}
