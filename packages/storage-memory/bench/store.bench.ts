/**
 * How the memory store behaves at scale: inserts N conversations (default 1M) into one
 * workspace, then times the reads an inbox UI makes. Run with `npm run bench -w @inboxkit/storage-memory`
 * (which also runs `kit.bench.ts`), or `node --import tsx bench/store.bench.ts 200000` for a quicker look.
 */
import type { Conversation, ConversationStatus } from '@inboxkit/core';
import { memoryStorage } from '../src/index.js';

const size = Number(process.argv[2] ?? 1_000_000);
const statuses: ConversationStatus[] = ['open', 'closed', 'snoozed'];

function conversation(i: number): Conversation {
  return {
    id: `conv_${String(i).padStart(8, '0')}`,
    workspaceId: 'ws_1',
    inboxId: `inb_${i % 20}`,
    channelId: `ch_${i % 40}`,
    channelType: i % 2 ? 'email' : 'chat',
    contactId: `ct_${i % 300_000}`,
    subject: 'Question about my order',
    status: statuses[i % 3]!,
    snoozedUntil: i % 3 === 2 ? i : null,
    assigneeId: i % 4 === 0 ? null : `usr_${i % 50}`,
    teamId: i % 5 === 0 ? null : `team_${i % 5}`,
    spam: i % 97 === 0,
    spamAt: i % 97 === 0 ? i : null,
    tagIds: [],
    origin: { kind: 'channel', id: null },
    replyToken: 'token',
    messageCount: 3,
    createdAt: i,
    updatedAt: i,
    // Activity order unrelated to insertion order, as in a live inbox.
    lastMessageAt: (i * 7919) % size,
    firstResponseAt: null,
    closedAt: null,
  };
}

async function time(label: string, op: () => Promise<unknown>, reps = 200): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < reps; i++) await op();
  console.log(`${label.padEnd(44)} ${((performance.now() - started) / reps).toFixed(3)} ms/op`);
}

const storage = memoryStorage();
const started = performance.now();
for (let i = 0; i < size; i++) await storage.conversations.insert(conversation(i));
const seconds = (performance.now() - started) / 1000;
console.log(`inserted ${size} conversations in ${seconds.toFixed(1)} s (${Math.round(size / seconds)}/s)`);
console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB\n`);

const view = { spam: false, limit: 50 };
await time('list: first page, whole workspace', () => storage.conversations.list('ws_1', view));
await time('list: inbox + open + assignee', () =>
  storage.conversations.list('ws_1', { ...view, inboxIds: ['inb_3'], statuses: ['open'], assigneeId: 'usr_3' }),
);
await time('list: open + unassigned', () => storage.conversations.list('ws_1', { ...view, statuses: ['open'], assigneeId: null }));
await time('list: three inboxes (merged)', () => storage.conversations.list('ws_1', { ...view, inboxIds: ['inb_1', 'inb_2', 'inb_3'] }));
await time('list: a contact', () => storage.conversations.list('ws_1', { ...view, contactId: 'ct_17' }));
let cursor: string | null = null;
await time('list: next page, deep into open', async () => {
  cursor = (await storage.conversations.list('ws_1', { ...view, statuses: ['open'], cursor })).nextCursor;
});
await time('count: open + unassigned, no spam (tallies)', () =>
  storage.conversations.count('ws_1', { statuses: ['open'], assigneeId: null, spam: false }),
);
await time('count: inbox + assignee (scans the smaller)', () => storage.conversations.count('ws_1', { inboxIds: ['inb_3'], assigneeId: 'usr_3' }), 20);
await time('get', () => storage.conversations.get('ws_1', 'conv_00012345'));
let n = 0;
await time('update: new activity + reassignment', async () => {
  const row = conversation((n++ * 13) % size);
  await storage.conversations.update({ ...row, lastMessageAt: size + n, assigneeId: 'usr_9' });
});
await time('transaction: locked read + update', () =>
  storage.transaction(async (tx) => {
    const row = await tx.conversations.get('ws_1', 'conv_00000042', { lock: true });
    if (row) await tx.conversations.update({ ...row, lastMessageAt: row.lastMessageAt + 1 });
  }),
);
await time('listDueSnoozed: 100', () => storage.conversations.listDueSnoozed(1000, 100));
