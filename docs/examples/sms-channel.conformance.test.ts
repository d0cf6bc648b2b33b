// runChannelConformance on the example SMS adapter. The gateway is an in-memory fake (there is no
// SMS provider here); a real adapter's driver talks to a real peer (a mail server, a WebSocket client).
import { runChannelConformance } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { smsChannel, type SmsChannel, type SmsGateway } from './sms-channel.js';

interface Fixture {
  gateway: SmsGateway;
  outbox: Array<{ id: string; text: string }>;
  failNext: boolean;
}

runChannelConformance<Fixture>('sms (example)', (fixture) => smsChannel({ gateway: fixture.gateway }), {
  createStorage: async () => ({ storage: memoryStorage() }),
  async setup() {
    const fixture: Fixture = {
      outbox: [],
      failNext: false,
      gateway: {
        async send({ apiKey, text }) {
          if (apiKey !== 'sms-api-key-12345') throw new Error('unauthorized');
          if (fixture.failNext) throw new Error('number unreachable');
          const id = `sms-${fixture.outbox.length + 1}`;
          fixture.outbox.push({ id, text });
          return { id };
        },
      },
    };
    return fixture;
  },
  config: () => ({ number: '+4712345678', apiKeyRef: 'sms-key' }),
  invalidConfigs: [{ title: 'a number that is not E.164', config: () => ({ number: '12345', apiKeyRef: 'sms-key' }), field: 'number' }],
  secrets: { 'sms-key': 'sms-api-key-12345' },
  async deliver({ adapter, channel }, message) {
    // The real intake: what the provider's webhook handler calls. A phone derived from the key.
    const digits = [...message.key].map((c) => c.charCodeAt(0) % 10).join('').padEnd(8, '0').slice(0, 10);
    await (adapter as SmsChannel).receive({ channelId: channel.id, id: `sms-in-${message.key}`, from: `+47${digits}`, text: message.text });
  },
  observeSent: async ({ fixture }) => fixture.outbox.map((sms) => ({ text: sms.text, externalId: sms.id })),
  async breakDelivery({ fixture }) {
    fixture.failNext = true;
  },
});
