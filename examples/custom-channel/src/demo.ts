import { randomBytes } from 'node:crypto';
import { createInboxKit } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { serveWebhooks, smsChannel, startFakeSmsProvider } from './index.js';

/**
 * The adapter end to end: a fake provider and the host's webhook server on 127.0.0.1, a
 * customer texts in, an agent replies, the provider receives the reply. Prints what happens.
 */
export async function runDemo(log: (line: string) => void = console.log): Promise<void> {
  // In production these come from your vault through `secrets.resolve`; never from the config.
  const vault: Record<string, string> = { 'sms-api-key': `sk_${randomBytes(12).toString('hex')}`, 'sms-webhook': `whsec_${randomBytes(12).toString('hex')}` };
  const provider = await startFakeSmsProvider({ apiKey: vault['sms-api-key']! });
  const sms = smsChannel({ apiUrl: provider.url });
  const webhooks = await serveWebhooks(sms.handler);
  const kit = createInboxKit({ storage: memoryStorage(), channels: [sms], secrets: { resolve: async (ref) => vault[ref] ?? Promise.reject(new Error(`no secret ${ref}`)) } });
  await kit.start();
  try {
    const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
    const kari = await ws.users.create({ name: 'Kari Nordmann', email: 'kari@acme.example' });
    const inbox = await ws.inboxes.create({ name: 'Texts', members: { users: [kari.id] } });
    const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'sms', name: '+4712345678', config: { number: '+4712345678', apiKeyRef: 'sms-api-key', webhookSecretRef: 'sms-webhook' } });
    const webhookUrl = `${webhooks.url}/sms/${channel.id}/inbound`;
    log(`register this webhook URL with the provider: ${webhookUrl}`);

    const inbound = await provider.deliverInbound({ webhookUrl, secret: vault['sms-webhook']!, sms: { from: '+4798765432', to: '+4712345678', text: 'Is the shop open on Sunday?' } });
    log(`provider → webhook: HTTP ${inbound.status}`);
    const [conversation] = (await ws.conversations.list()).items;
    const reply = await ws.conversations.reply(conversation!.id, { authorId: kari.id, text: 'Yes, 12–16.' });
    log(`reply ${reply.deliveryStatus}; the provider sent: ${provider.outbox.map((m) => `${m.from} → ${m.to}: ${m.text}`).join(', ')}`);
  } finally {
    await kit.stop();
    await webhooks.close();
    await provider.close();
  }
}
