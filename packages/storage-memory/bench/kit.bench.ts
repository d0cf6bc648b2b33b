// `npm run bench` (storage-memory): kit.ingest throughput and conversations.list latency at
// 100k and 1M conversations, each against a baseline measured in the same run.
import { performance } from 'node:perf_hooks';
import { createInboxKit, type Conversation, type ConversationFilter, type Storage } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { fmt, percentile, printTable } from './table.js';
import { rng, seedConversations } from './seed.js';

const SCALES = (process.env.BENCH_SCALES ?? '100000,1000000').split(',').map(Number);
const INGESTS = 20_000;
const QUERIES = 2_000;
const BASELINE_QUERIES = 20;

async function setup(count: number) {
  const storage = memoryStorage();
  const channel = createTestChannel();
  const kit = createInboxKit({ storage, channels: [channel], fallbackEmailDomain: 'in.bench.test' });
  await kit.start();
  const ws = await kit.workspaces.create({ name: 'Bench' });
  const api = kit.workspace(ws.id);
  const users = await Promise.all(Array.from({ length: 10 }, (_, i) => api.users.create({ name: `Agent ${i}`, email: `a${i}@bench.test` })));
  const inboxes = await Promise.all(
    Array.from({ length: 4 }, (_, i) => api.inboxes.create({ name: `Inbox ${i}`, members: { users: users.map((u) => u.id) } })),
  );
  const ch = await api.channels.connect({ inboxId: inboxes[0]!.id, type: 'test', name: 'bench' });
  const t0 = performance.now();
  const { contactIds } = await seedConversations(storage, {
    workspaceId: ws.id, channelId: ch.id, inboxIds: inboxes.map((i) => i.id), userIds: users.map((u) => u.id), count, start: Date.now() - count * 1_000,
  });
  const seedMs = performance.now() - t0;
  return { storage, kit, ws, api, users, inboxes, ch, contactIds, seedMs };
}

type Env = Awaited<ReturnType<typeof setup>>;

async function measureIngest(env: Env, label: string) {
  const t0 = performance.now();
  for (let i = 0; i < INGESTS; i++) {
    // Half start conversations, half continue the one started just before (threaded by ref).
    const threadRefs = i % 2 === 1 ? [`${label}-${i - 1}`] : [];
    await env.kit.ingest({
      workspaceId: env.ws.id, channelId: env.ch.id, externalId: `${label}-${i}`, threadRefs,
      from: { email: `new${i >> 1}@${label}.test` }, subject: 'Bench', text: `message ${i}`,
    });
  }
  return INGESTS / ((performance.now() - t0) / 1000);
}

/** Baseline: the same rows written straight to the store, one transaction each, no pipeline. */
async function measureRawWrites(storage: Storage, env: Env) {
  const template = (await env.api.conversations.list({ limit: 1 })).items[0]!;
  const t0 = performance.now();
  for (let i = 0; i < INGESTS; i++) {
    await storage.transaction(async (tx) => {
      const id = `conv_raw${i}`;
      await tx.conversations.insert({ ...template, id, lastMessageAt: Date.now() });
      await tx.timeline.insert({
        kind: 'message', id: `itm_raw${i}`, workspaceId: env.ws.id, conversationId: id, channelId: env.ch.id, direction: 'incoming',
        author: { type: 'contact', id: template.contactId }, text: `message ${i}`, visibleText: null, html: null, attachments: [],
        externalId: `raw-${i}`, metadata: {}, deliveryStatus: null, deliveryError: null, createdAt: Date.now(),
      });
    });
  }
  return INGESTS / ((performance.now() - t0) / 1000);
}

function queries(env: Env): ConversationFilter[] {
  const random = rng(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: QUERIES }, (_, i): ConversationFilter => {
    switch (i % 5) {
      case 0: return { inboxIds: [pick(env.inboxes).id] };
      case 1: return { inboxIds: [pick(env.inboxes).id], statuses: ['open'] };
      case 2: return { assigneeId: pick(env.users).id, statuses: ['open'] };
      case 3: return { assigneeId: null, inboxIds: [pick(env.inboxes).id] };
      default: return { contactId: pick(env.contactIds) };
    }
  });
}

async function measureList(env: Env) {
  const times: number[] = [];
  for (const filter of queries(env)) {
    const t0 = performance.now();
    const first = await env.storage.conversations.list(env.ws.id, { ...filter, spam: false, limit: 50 });
    if (first.nextCursor) await env.storage.conversations.list(env.ws.id, { ...filter, spam: false, limit: 50, cursor: first.nextCursor });
    times.push((performance.now() - t0) / 2);
  }
  return times.sort((a, b) => a - b);
}

/** Baseline: the obvious implementation — filter every conversation, sort, take a page. */
async function measureNaiveList(env: Env) {
  const all: Conversation[] = [];
  let cursor: string | null = null;
  do {
    const page = await env.storage.conversations.list(env.ws.id, { limit: 500, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const times: number[] = [];
  for (const filter of queries(env).slice(0, BASELINE_QUERIES)) {
    const t0 = performance.now();
    all
      .filter((c) => (!filter.inboxIds || filter.inboxIds.includes(c.inboxId)) && (!filter.statuses || filter.statuses.includes(c.status))
        && (filter.assigneeId === undefined || c.assigneeId === filter.assigneeId) && (!filter.contactId || c.contactId === filter.contactId))
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? 1 : -1))
      .slice(0, 50);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const ingestRows: Record<string, string | number>[] = [];
const listRows: Record<string, string | number>[] = [];
for (const scale of SCALES) {
  const env = await setup(scale);
  const raw = await measureRawWrites(env.storage, env);
  const ingest = await measureIngest(env, `s${scale}`);
  ingestRows.push({
    conversations: scale.toLocaleString('en'), 'seed s': fmt(env.seedMs / 1000), 'raw writes/s (baseline)': fmt(raw, 0),
    'kit.ingest msgs/s': fmt(ingest, 0), 'ingest / raw': fmt(ingest / raw, 2),
  });
  const list = await measureList(env);
  const naive = await measureNaiveList(env);
  listRows.push({
    conversations: scale.toLocaleString('en'), 'list p50 ms': fmt(percentile(list, 50), 3), 'list p99 ms': fmt(percentile(list, 99), 3),
    'naive scan p50 ms (baseline)': fmt(percentile(naive, 50), 1), 'speed-up p50': `${fmt(percentile(naive, 50) / percentile(list, 50), 0)}x`,
    'heap MB': fmt(process.memoryUsage().heapUsed / 2 ** 20, 0),
  });
  await env.kit.stop();
}
printTable(`kit.ingest throughput on storage-memory (${INGESTS.toLocaleString('en')} messages, half new conversations)`, ingestRows);
printTable(`conversations.list latency on storage-memory (${QUERIES} queries x 2 pages of 50; 5 filter shapes)`, listRows);
