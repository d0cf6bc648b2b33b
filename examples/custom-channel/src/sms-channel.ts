import { ChannelError, parseInput, type ChannelAdapter, type ChannelContext } from '@inboxkit/core';
import { smsConfigSchema, smsOptionsSchema, type SmsChannelConfig, type SmsChannelOptions } from './config.js';
import { sendSms } from './provider-client.js';
import { smsWebhookHandler, type SmsWebhookHandler } from './webhook-handler.js';

/** The SMS adapter value: a `ChannelAdapter` plus the webhook handler the host mounts. */
export interface SmsChannel extends ChannelAdapter {
  /**
   * Fetch-style handler for the provider's inbound webhooks, `POST /sms/<channelId>/inbound`
   * (mount it on any server; `serveWebhooks` does it on `node:http`).
   */
  readonly handler: SmsWebhookHandler;
}

/**
 * An SMS channel over a provider's HTTP API: customers' texts arrive as signed webhooks,
 * replies go out with `POST <apiUrl>/v1/messages`. Options are validated now (`VALIDATION`
 * naming the field); each channel's config is `{ number, apiKeyRef, webhookSecretRef }`.
 */
export function smsChannel(options: SmsChannelOptions): SmsChannel {
  const { apiUrl, toleranceMs, fetch: fetchImpl } = parseInput(smsOptionsSchema, options, 'smsChannel options');
  let context: ChannelContext | null = null;

  return {
    specificationVersion: 'v1',
    type: 'sms',
    capabilities: { send: true },
    parseConfig: (config) => parseInput(smsConfigSchema, config, 'sms channel config'),
    handler: smsWebhookHandler({ context: () => context, toleranceMs }),
    async start(ctx) {
      context = ctx; // nothing to poll: the provider pushes webhooks
    },
    async stop() {
      context = null; // webhooks now answer 503, so the provider retries them later
    },
    async doSend({ channel, contact, message, externalId, resolveSecret }) {
      if (!contact.phone) throw new ChannelError('sms', 'the contact has no phone number');
      const config = channel.config as SmsChannelConfig;
      const apiKey = await resolveSecret(config.apiKeyRef); // at use time: a rotated key works at once
      const sent = await sendSms({
        apiUrl,
        apiKey,
        fetch: fetchImpl ?? fetch,
        sms: { from: config.number, to: contact.phone, text: message.text, clientRef: externalId },
      });
      return { externalId: sent.id, metadata: { to: contact.phone } };
    },
  };
}
