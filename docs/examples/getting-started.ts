// The getting-started walk-through as one program (docs/getting-started.md).
// Run from the repository root: `npx tsx docs/examples/getting-started.ts`
// With DATABASE_URL set it runs on PostgreSQL instead of the in-memory store.
import { createInboxKit, NotFoundError, type Storage } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { postgresStorage } from '@inboxkit/storage-postgres';

async function openStorage(): Promise<Storage> {
  const url = process.env.DATABASE_URL;
  if (!url) return memoryStorage();
  const storage = postgresStorage({ connectionString: url, schema: 'inboxkit_docs' });
  await storage.migrate(); // safe on every start, from every process
  return storage;
}

const storage = await openStorage();
const web = createTestChannel({ type: 'web' }); // any ChannelAdapter; see docs/writing-a-channel-adapter.md
const kit = createInboxKit({ storage, channels: [web], fallbackEmailDomain: 'in.example.com' });
await kit.start();

// 1. A workspace (one tenant of your app), an agent, an inbox and a channel.
const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
const kari = await ws.users.create({ name: 'Kari Nordmann', email: 'kari@acme.example' });
const support = await ws.inboxes.create({ name: 'Support', members: { users: [kari.id] } });
const site = await ws.channels.connect({ inboxId: support.id, type: 'web', name: 'Website' });
await ws.routing.set(site.id, { targets: { users: [kari.id] }, strategy: 'round-robin' });

// 2. Ingest: what a channel adapter does for every inbound message.
const inbound = { workspaceId: ws.id, channelId: site.id, externalId: 'web-1', from: { email: 'nora@customer.example' }, text: 'Hi! My order is late.' };
const first = await kit.ingest(inbound);
const again = await kit.ingest(inbound); // the same externalId: a no-op
if (first.status !== 'accepted' || again.status !== 'accepted') throw new Error('filtered');
console.log('created:', first.created, 'duplicate on redelivery:', again.duplicate);
// Routing ran inside the ingest transaction: the result already has the assignee.
console.log('assigned to', first.conversation.assigneeId === kari.id ? 'Kari' : first.conversation.assigneeId);
const conversation = await ws.conversations.get(first.conversation.id);

// 3. Reply as the agent, permission-checked.
const asKari = ws.asUser(kari.id);
const reply = await asKari.conversations.reply(conversation.id, { authorId: kari.id, text: 'Sorry! It ships today.' });
console.log('reply', reply.deliveryStatus, '→ channel got', web.sent.length, 'message(s)');
await asKari.conversations.close(conversation.id, { by: kari.id });

// 4. The durable event log.
const events = await ws.events.read({ limit: 100 });
console.log('events:', events.items.map((e) => e.type).join(', '));

// 5. Typed errors.
try {
  await ws.conversations.get('conv_missing');
} catch (error) {
  if (NotFoundError.isInstance(error)) console.log('error code:', error.code);
}

await kit.stop();
await storage.close();
