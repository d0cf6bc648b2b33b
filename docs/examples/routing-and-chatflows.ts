// The snippets of docs/routing-and-filters.md and docs/channels/chat.md ("Chatflows in core"), run.
// `npx tsx docs/examples/routing-and-chatflows.ts`
import { createInboxKit } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

const clock = manualClock(Date.UTC(2026, 0, 5, 9)); // a Monday, 09:00 UTC
const kit = createInboxKit({ storage: memoryStorage(), clock, channels: [createTestChannel({ type: 'chat' }), createTestChannel({ type: 'email' })] });
await kit.start();
const ws = kit.workspace((await kit.workspaces.create({ name: 'Acme' })).id);
const kari = await ws.users.create({ name: 'Kari', email: 'kari@acme.example' });
const ola = await ws.users.create({ name: 'Ola', email: 'ola@acme.example' });
const tier1 = await ws.teams.create({ name: 'Tier 1', memberIds: [kari.id, ola.id] });
const support = await ws.inboxes.create({ name: 'Support', members: { teams: [tier1.id] } });
const mail = await ws.channels.connect({ inboxId: support.id, type: 'email', name: 'support@acme.example' });

// Routing
await ws.routing.set(mail.id, { targets: { teams: [tier1.id] }, strategy: 'least-open', onlyAvailable: true, capacity: 2 });
await ws.users.setAvailability(ola.id, 'away');
const assignees: string[] = [];
for (let i = 1; i <= 3; i++) {
  const r = await kit.ingest({ workspaceId: ws.id, channelId: mail.id, externalId: `m${i}`, from: { email: `c${i}@customer.example` }, text: 'Hello' });
  await kit.idle();
  if (r.status === 'accepted') assignees.push((await ws.conversations.get(r.conversation.id)).assigneeId ?? 'unassigned');
}
console.log('assignees:', assignees.map((id) => (id === kari.id ? 'Kari' : id)).join(', ')); // Kari, Kari, unassigned (capacity 2)
await ws.users.setAvailability(ola.id, 'available');
await kit.idle();
console.log('waiting conversations after Ola is back:', (await ws.conversations.list({ assignee: 'unassigned', status: 'open' })).items.length);

// Email filters
const filter = await ws.filters.create({ inboxId: support.id, domains: ['*.spam.example'], subjectPatterns: ['*lottery*'], action: 'spam' });
const filtered = await kit.ingest({ workspaceId: ws.id, channelId: mail.id, externalId: 's1', from: { email: 'x@mx.spam.example' }, text: 'Win' });
console.log('filtered:', filtered.status, filtered.status === 'filtered' ? filtered.reason : '');
const spam = await ws.conversations.list({ spam: true });
console.log('spam view:', spam.items.length, 'filter', filter.action);
await ws.filters.release(spam.items[0]!.id, { by: kari.id });
console.log('after release, spam view:', (await ws.conversations.list({ spam: true })).items.length);

// Chatflows
const chat = await ws.channels.connect({ inboxId: support.id, type: 'chat', name: 'Website' });
const flow = await ws.chatflows.create({
  channelId: chat.id, name: 'Pricing help', type: 'live-chat', priority: 10,
  targeting: {
    include: [[{ on: 'url', op: 'contains', value: '/pricing' }]],
    exclude: [[{ on: 'query', name: 'utm_source', op: 'is', value: 'partner' }]],
  },
  welcomeMessage: 'Questions about plans?',
  profile: { userId: kari.id },
});
const shown = await ws.chatflows.match({ channelId: chat.id, url: 'https://shop.example.com/pricing' });
const hidden = await ws.chatflows.match({ channelId: chat.id, url: 'https://shop.example.com/pricing?utm_source=partner' });
console.log('match:', shown.chatflow?.id === flow.id, 'excluded:', hidden.chatflow === null);
console.log('explanation:', JSON.stringify(hidden.explanation).slice(0, 160));
await kit.stop();
