// The SMS adapter through the channel conformance suite, both directions over real HTTP on
// 127.0.0.1: the fake provider POSTs signed webhooks to the adapter's handler (served by
// node:http), and the adapter POSTs replies to the fake provider's API.
import { createHash } from 'node:crypto';
import { runChannelConformance } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { serveWebhooks, smsChannel, startFakeSmsProvider, type FakeSmsProvider, type RunningServer } from './index.js';

const API_KEY = 'sk_live_conformance_1234';
const WEBHOOK_SECRET = 'whsec_conformance_5678';
const NUMBER = '+4712345678';

interface Fixture {
  provider: FakeSmsProvider;
  webhooks: RunningServer | null;
}

/** A stable customer number per message key, so a redelivery comes from the same phone. */
const phoneOf = (key: string) => `+47${BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 12)}`) % 10n ** 8n}`.padEnd(11, '0');

runChannelConformance<Fixture>(
  'sms (examples/custom-channel)',
  async (fixture) => {
    const sms = smsChannel({ apiUrl: fixture.provider.url });
    fixture.webhooks = await serveWebhooks(sms.handler);
    return sms;
  },
  {
    createStorage: async () => ({ storage: memoryStorage() }),
    setup: async () => ({ provider: await startFakeSmsProvider({ apiKey: API_KEY }), webhooks: null }),
    async cleanup(fixture) {
      await fixture.webhooks?.close();
      await fixture.provider.close();
    },
    config: () => ({ number: NUMBER, apiKeyRef: 'sms-api-key', webhookSecretRef: 'sms-webhook-secret' }),
    invalidConfigs: [
      { title: 'a number that is not E.164', config: () => ({ number: '12345', apiKeyRef: 'sms-api-key', webhookSecretRef: 'sms-webhook-secret' }), field: 'number' },
      { title: 'no webhook secret reference', config: () => ({ number: NUMBER, apiKeyRef: 'sms-api-key' }), field: 'webhookSecretRef' },
    ],
    secrets: { 'sms-api-key': API_KEY, 'sms-webhook-secret': WEBHOOK_SECRET },
    async deliver({ fixture, channel }, message) {
      const { status, body } = await fixture.provider.deliverInbound({
        webhookUrl: `${fixture.webhooks!.url}/sms/${encodeURIComponent(channel.id)}/inbound`,
        secret: WEBHOOK_SECRET,
        sms: { id: `SMin_${message.key}`, from: phoneOf(message.key), to: NUMBER, text: message.text },
      });
      if (status !== 200) throw new Error(`the webhook answered ${status}: ${JSON.stringify(body)}`);
    },
    observeSent: async ({ fixture }) => fixture.provider.outbox.map((sms) => ({ text: sms.text, externalId: sms.id })),
    async breakDelivery({ fixture }) {
      fixture.provider.failNext(503);
    },
  },
);
