// An example channel adapter (docs/writing-a-channel-adapter.md): SMS through a gateway.
// The gateway is an interface the host supplies (a real one would call an SMS provider's API).
import { z } from 'zod';
import { ChannelError, parseInput, type ChannelAdapter, type ChannelContext, type IngestResult } from '@inboxkit/core';

/** What the adapter needs from an SMS provider. */
export interface SmsGateway {
  /** Sends one SMS with the resolved API key; resolves with the provider's message id. */
  send(message: { apiKey: string; from: string; to: string; text: string }): Promise<{ id: string }>;
}

/** An inbound SMS as the provider's webhook reports it. */
export interface InboundSms {
  channelId: string;
  /** The provider's id of the message: the `externalId` that makes redeliveries duplicates. */
  id: string;
  from: string;
  text: string;
}

const configSchema = z.strictObject({
  /** The number replies are sent from. */
  number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number like +4712345678'),
  /** Secret reference of the provider's API key (never the key itself). */
  apiKeyRef: z.string().min(1),
});

/** The adapter value: a `ChannelAdapter` plus the webhook intake the host mounts. */
export interface SmsChannel extends ChannelAdapter {
  receive(sms: InboundSms): Promise<IngestResult>;
}

export function smsChannel(options: { gateway: SmsGateway }): SmsChannel {
  let context: ChannelContext | null = null;
  return {
    specificationVersion: 'v1',
    type: 'sms',
    capabilities: { send: true },
    parseConfig: (config) => parseInput(configSchema, config, 'sms channel config'),
    async start(ctx) {
      context = ctx; // idempotent: a second start just keeps the context
    },
    async stop() {
      context = null;
    },
    async receive(sms) {
      if (!context) throw new ChannelError('sms', 'the kit is not started (call kit.start())');
      const channels = await context.listChannels({ limit: 1000 });
      const channel = channels.items.find((c) => c.id === sms.channelId);
      if (!channel) throw new ChannelError('sms', `unknown channel ${sms.channelId}`);
      return context.ingest({ workspaceId: channel.workspaceId, channelId: channel.id, externalId: sms.id, from: { phone: sms.from }, text: sms.text });
    },
    async doSend({ channel, contact, message, resolveSecret }) {
      if (!contact.phone) throw new ChannelError('sms', 'the contact has no phone number');
      const apiKey = await resolveSecret(String(channel.config.apiKeyRef)); // at use time, never stored
      try {
        const sent = await options.gateway.send({ apiKey, from: String(channel.config.number), to: contact.phone, text: message.text });
        return { externalId: sent.id };
      } catch (error) {
        // Say what failed without echoing the request (it holds the key).
        throw new ChannelError('sms', `gateway refused the message: ${(error as Error).message}`, { retryable: true });
      }
    },
  };
}
