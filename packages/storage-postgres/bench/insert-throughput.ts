import type { Conversation, Message } from '@inboxkit/core';
import pg from 'pg';
import { postgresStorage } from '../src/index.js';
import { benchConversation, benchMessage } from './rows.js';
import { fmt, since, type Row } from './stats.js';

const PAIRS = 2_000;
const WORKERS = 8;
/** Raw and store runs alternate this many times; each side reports its best round. */
const ROUNDS = 3;

/** Runs `work(i)` for i in [0, count) on `WORKERS` concurrent lanes; returns elapsed ms. */
async function timed(count: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
  return since(start);
}

// The raw baseline: the same rows, hand-written INSERTs of the same columns, no mapping layer.
const RAW_CONVERSATION = (s: string) => `INSERT INTO "${s}".conversations
  (workspace_id, id, inbox_id, channel_id, channel_type, contact_id, subject, status, snoozed_until, assignee_id,
   team_id, spam, origin, reply_token, message_count, created_at, updated_at, last_message_at, first_response_at, closed_at, extra)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14,$15,$16,$17,$18,$19,$20,'{}')`;
const RAW_MESSAGE = (s: string) => `INSERT INTO "${s}".timeline_items
  (workspace_id, id, conversation_id, kind, created_at, text, channel_id, direction, author, visible_text, html,
   attachments, external_id, metadata, delivery_status, delivery_error, extra)
  VALUES ($1,$2,$3,'message',$4,$5,$6,$7,$8::jsonb,$9,$10,$11::jsonb,$12,$13::jsonb,$14,$15,'{}')`;

const conversationParams = (c: Conversation) => [
  c.workspaceId, c.id, c.inboxId, c.channelId, c.channelType, c.contactId, c.subject, c.status, c.snoozedUntil,
  c.assigneeId, c.teamId, c.spam, JSON.stringify(c.origin), c.replyToken, c.messageCount, c.createdAt, c.updatedAt,
  c.lastMessageAt, c.firstResponseAt, c.closedAt,
];
const messageParams = (m: Message) => [
  m.workspaceId, m.id, m.conversationId, m.createdAt, m.text, m.channelId, m.direction, JSON.stringify(m.author),
  m.visibleText, m.html, JSON.stringify(m.attachments), m.externalId, JSON.stringify(m.metadata), m.deliveryStatus,
  m.deliveryError,
];

async function freshSchema(pool: pg.Pool, schema: string) {
  const storage = postgresStorage({ pool, schema });
  await storage.migrate();
  await storage.workspaces.insert({ id: 'ws_bench', name: 'Bench', createdAt: 0, updatedAt: 0 });
  return storage;
}

/**
 * Rows/s of conversations+messages through the store against raw INSERTs of the same rows,
 * on the same pool and database in the same run, in two shapes: each row on its own
 * (autocommit) and each pair in one transaction (as ingest writes them).
 *
 * The pool runs with `synchronous_commit = off`: with it on, both sides mostly wait for the
 * WAL flush of each commit, and disk noise on a shared machine drowns the store's own cost,
 * which is what the ratio is about.
 */
export async function insertThroughput(url: string): Promise<Row[]> {
  const pool = new pg.Pool({ connectionString: url, max: WORKERS, options: '-c synchronous_commit=off' });
  try {
    return await measure(pool);
  } finally {
    await pool.end();
  }
}

async function measure(pool: pg.Pool): Promise<Row[]> {
  const rows: Row[] = [];
  const rowsPerRun = PAIRS * 2;
  const shapes = [
    {
      name: 'autocommit',
      store: (s: Awaited<ReturnType<typeof freshSchema>>, c: Conversation, m: Message) =>
        s.conversations.insert(c).then(() => s.timeline.insert(m)),
      raw: async (schema: string, c: Conversation, m: Message) => {
        await pool.query(RAW_CONVERSATION(schema), conversationParams(c));
        await pool.query(RAW_MESSAGE(schema), messageParams(m));
      },
    },
    {
      name: '1 tx per pair',
      store: (s: Awaited<ReturnType<typeof freshSchema>>, c: Conversation, m: Message) =>
        s.transaction(async (tx) => {
          await tx.conversations.insert(c);
          await tx.timeline.insert(m);
        }),
      raw: async (schema: string, c: Conversation, m: Message) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(RAW_CONVERSATION(schema), conversationParams(c));
          await client.query(RAW_MESSAGE(schema), messageParams(m));
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      },
    },
  ];
  for (const [n, shape] of shapes.entries()) {
    const storeSchema = `bench_store_${n}`;
    const rawSchema = `bench_raw_${n}`;
    const storage = await freshSchema(pool, storeSchema);
    await freshSchema(pool, rawSchema);
    const pair = (tag: string, i: number) => {
      const c = benchConversation('ws_bench', tag, i);
      return [c, benchMessage(c)] as const;
    };
    // Alternating rounds, best of each side: warm-up and a noisy neighbour on the machine
    // then favour neither side.
    let rawRate = 0;
    let storeRate = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const rawMs = await timed(PAIRS, (i) => shape.raw(rawSchema, ...pair(`raw${round}`, i)));
      const storeMs = await timed(PAIRS, (i) => shape.store(storage, ...pair(`store${round}`, i)));
      rawRate = Math.max(rawRate, rowsPerRun / (rawMs / 1000));
      storeRate = Math.max(storeRate, rowsPerRun / (storeMs / 1000));
    }
    const note = `${PAIRS} conversations + ${PAIRS} messages, ${WORKERS} concurrent writers, best of ${ROUNDS} alternating rounds, synchronous_commit off`;
    rows.push(
      { section: 'insert throughput', measure: `raw INSERT, ${shape.name}`, value: `${fmt(rawRate, 0)} rows/s`, note },
      { section: 'insert throughput', measure: `storage, ${shape.name}`, value: `${fmt(storeRate, 0)} rows/s`, note },
      { section: 'insert throughput', measure: `storage / raw, ${shape.name}`, value: fmt(storeRate / rawRate, 2), note: 'ratio (1.00 = no overhead)' },
    );
    await storage.close();
  }
  return rows;
}
