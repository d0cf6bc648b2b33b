// `npm run bench` (storage-memory): kit.ingest / kit.ingestMany throughput for 100k new
// conversations against the unavoidable work measured in the same run (validate the same
// inbound messages + insert the same rows into plain Maps), and the routing drain at 1k vs
// 10k queued conversations. Rates are per CPU second of this process (the machine is shared:
// CPU time moves less with other load than wall time); wall-clock rates are shown beside them.
import { loadavg } from 'node:os';
import { createInboxKit, inboundMessageSchema, sortableIds, type InboundMessage } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '../src/index.js';
import { fmt, printTable } from './table.js';

const MESSAGES = Number(process.env.BENCH_INGEST ?? 100_000);
const BATCH = 1_000;
const DRAIN_SIZES = [1_000, 10_000];

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Runs `work` and returns its rates: per CPU second and per wall second. */
async function rate(count: number, work: () => Promise<void>): Promise<{ cpu: number; wall: number }> {
  const [cpu0, wall0] = [cpuMs(), performance.now()];
  await work();
  return { cpu: count / ((cpuMs() - cpu0) / 1000), wall: count / ((performance.now() - wall0) / 1000) };
}

async function world(options: { routed?: boolean } = {}) {
  const storage = memoryStorage();
  const kit = createInboxKit({ storage, channels: [createTestChannel()], fallbackEmailDomain: 'in.bench.test' });
  await kit.start();
  const ws = await kit.workspaces.create({ name: 'Bench' });
  const api = kit.workspace(ws.id);
  const users = await Promise.all(Array.from({ length: 5 }, (_, i) => api.users.create({ name: `Agent ${i}`, email: `a${i}@bench.test` })));
  const inbox = await api.inboxes.create({ name: 'Inbox', members: { users: users.map((u) => u.id) } });
  const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'bench' });
  if (options.routed) await api.routing.set(channel.id, { targets: { users: users.map((u) => u.id) }, strategy: 'round-robin', onlyAvailable: true });
  const message = (i: number, tag: string): InboundMessage => ({
    workspaceId: ws.id, channelId: channel.id, externalId: `${tag}-${i}`, from: { email: `c${i}@${tag}.test`, name: `Customer ${i}` },
    subject: 'Order question', text: `message ${i}`,
  });
  return { kit, api, users, message };
}

/**
 * The unavoidable work of ingesting a new conversation: validate the inbound message, make
 * the rows ingest stores (contact, conversation, message, its three events, with ids) and
 * put them into plain Maps keyed the way lookups need (contact by email, message by channel id).
 */
function unavoidable(messages: InboundMessage[]): void {
  const ids = sortableIds();
  const [contacts, byEmail, conversations, timeline, byExternalId, events] = [new Map(), new Map(), new Map(), new Map(), new Map(), [] as object[]];
  for (const input of messages) {
    const m = inboundMessageSchema.parse(input);
    const now = Date.now();
    const contact = { id: ids.next('ct'), workspaceId: m.workspaceId, email: m.from.email ?? null, name: m.from.name ?? null, phone: null, visitorIds: [], properties: {}, ownerId: null, createdAt: now, updatedAt: now };
    const conversation = {
      id: ids.next('conv'), workspaceId: m.workspaceId, inboxId: 'inb', channelId: m.channelId, channelType: 'test', contactId: contact.id, subject: m.subject ?? null,
      status: 'open', snoozedUntil: null, assigneeId: null, teamId: null, spam: false, origin: { kind: 'channel', id: m.channelId }, replyToken: ids.next('tok'),
      messageCount: 1, createdAt: now, updatedAt: now, lastMessageAt: now, firstResponseAt: null, closedAt: null,
    };
    const stored = {
      kind: 'message', id: ids.next('itm'), workspaceId: m.workspaceId, conversationId: conversation.id, channelId: m.channelId, direction: 'incoming',
      author: { type: 'contact', id: contact.id }, text: m.text, visibleText: null, html: null, attachments: [], externalId: m.externalId, metadata: m.metadata,
      deliveryStatus: null, deliveryError: null, createdAt: now,
    };
    contacts.set(contact.id, contact);
    byEmail.set(contact.email, contact);
    conversations.set(conversation.id, conversation);
    timeline.set(stored.id, stored);
    byExternalId.set(`${m.channelId}\u0000${m.externalId}`, stored);
    for (const type of ['contact.created', 'conversation.created', 'message.received']) {
      events.push({ id: ids.next('evt'), seq: events.length + 1, type, workspaceId: m.workspaceId, at: now, data: { conversationId: conversation.id, contactId: contact.id } });
    }
  }
}

async function ingestRows() {
  const load = loadavg()[0]!;
  const one = await world();
  const inputs = Array.from({ length: MESSAGES }, (_, i) => one.message(i, 'one'));
  const base = await rate(MESSAGES, async () => unavoidable(inputs));
  const single = await rate(MESSAGES, async () => {
    for (const input of inputs) await one.kit.ingest(input);
  });
  await one.kit.stop();
  const many = await world();
  const batched = Array.from({ length: MESSAGES }, (_, i) => many.message(i, 'many'));
  const batch = await rate(MESSAGES, async () => {
    for (let at = 0; at < MESSAGES; at += BATCH) await many.kit.ingestMany(batched.slice(at, at + BATCH));
  });
  await many.kit.stop();
  const row = (door: string, r: { cpu: number; wall: number }) => ({
    door, 'msgs / cpu-s': fmt(r.cpu, 0), 'msgs / wall-s': fmt(r.wall, 0), 'vs unavoidable': `${fmt(r.cpu / base.cpu, 2)}×`, 'load avg (1 min)': fmt(load, 1),
  });
  printTable(`ingest on storage-memory: ${MESSAGES.toLocaleString('en')} new conversations`, [
    row('baseline: validate + rows into Maps', base),
    row('kit.ingest (one by one)', single),
    row(`kit.ingestMany (${BATCH} per call)`, batch),
  ]);
}

/** Queues `size` conversations (every agent away), then times the drain once they are back. */
async function drainRow(size: number) {
  const w = await world({ routed: true });
  for (const user of w.users) await w.api.users.setAvailability(user.id, 'away');
  const inputs = Array.from({ length: size }, (_, i) => w.message(i, `q${size}`));
  for (let at = 0; at < size; at += BATCH) await w.kit.ingestMany(inputs.slice(at, at + BATCH));
  await w.kit.idle();
  const [cpu0, wall0] = [cpuMs(), performance.now()];
  for (const user of w.users) await w.api.users.setAvailability(user.id, 'available');
  await w.kit.idle();
  const [cpu, wall] = [cpuMs() - cpu0, performance.now() - wall0];
  const waiting = await w.api.conversations.list({ assignee: 'unassigned', status: 'open', limit: 1 });
  await w.kit.stop();
  return { size, cpu, wall, left: waiting.items.length };
}

async function drainRows() {
  const load = loadavg()[0]!;
  await drainRow(DRAIN_SIZES[0]!); // warm-up: the first drain also compiles the code
  const runs = [];
  for (const size of DRAIN_SIZES) runs.push(await drainRow(size));
  const unit = runs[0]!.cpu / runs[0]!.size;
  printTable('routing drain on storage-memory: queued conversations assigned once agents are back (round-robin, 5 agents)', runs.map((r) => ({
    queued: r.size.toLocaleString('en'), 'drain cpu ms': fmt(r.cpu, 0), 'drain wall ms': fmt(r.wall, 0), 'µs / conversation': fmt((1000 * r.cpu) / r.size, 1),
    'per-conversation vs 1k (1.0 = linear)': `${fmt(r.cpu / r.size / unit, 2)}×`, 'left waiting': r.left, 'load avg (1 min)': fmt(load, 1),
  })));
}

await ingestRows();
await drainRows();
