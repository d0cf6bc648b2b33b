import { createInboxKit, type ChannelAdapter } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
const web: ChannelAdapter = { // a minimal custom channel: replies are "delivered" by printing them
  specificationVersion: 'v1', type: 'web', capabilities: { send: true }, parseConfig: (config) => config as Record<string, unknown>,
  doSend: async ({ contact, author, message }) => (console.log(`  → to ${contact.email} from ${author?.name}: ${message.text}`), {}) };
const kit = createInboxKit({ storage: memoryStorage(), channels: [web], fallbackEmailDomain: 'in.example.com' });
kit.events.on('*', (event) => console.log(`event ${event.seq} ${event.type}`));
await kit.start();
const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
const kari = await ws.users.create({ name: 'Kari Nordmann', email: 'kari@acme.example' });
const support = await ws.inboxes.create({ name: 'Support', members: { users: [kari.id] } });
const site = await ws.channels.connect({ inboxId: support.id, type: 'web', name: 'Website' });
const result = await kit.ingest({ workspaceId: ws.id, channelId: site.id, externalId: 'web-1', from: { email: 'nora@customer.example' }, text: 'Hi! My order is late.' });
if (result.status !== 'accepted') throw new Error(`filtered: ${result.reason}`);
await ws.conversations.assign(result.conversation.id, { userId: kari.id });
await ws.conversations.reply(result.conversation.id, { authorId: kari.id, text: 'Sorry about that, it ships today!' });
await ws.conversations.close(result.conversation.id, { by: kari.id });
for (const item of (await ws.conversations.timeline(result.conversation.id)).items) console.log(`timeline ${item.kind}: ${item.text}`);
console.log(`inbox "${support.name}" receives email at ${support.fallbackAddress}`);
await kit.stop();
