import { createInboxKit, type InboundMessage } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import pg from 'pg';
import { postgresStorage } from '../src/index.js';
import { vectorOf } from '../src/stores/search/vector.js';
import { fmt, since, type Row } from './stats.js';

// A multiple of ROUNDS × BATCH.
const MESSAGES = Number(process.env.BENCH_PG_INGEST ?? 1_500);
const WORKERS = Number(process.env.BENCH_PG_LANES ?? 8);
const BATCH = 100;
const ROUNDS = 3;

/** Runs `work(i)` for i in [0, count) on `WORKERS` concurrent lanes; returns elapsed ms. */
async function lanes(count: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    for (let i = next++; i < count; i = next++) await work(i);
  }));
  return since(start);
}

async function kitOn(pool: pg.Pool, schema: string) {
  const storage = postgresStorage({ pool, schema });
  await storage.migrate();
  const kit = createInboxKit({ storage, channels: [createTestChannel()], fallbackEmailDomain: 'in.bench.test' });
  const ws = await kit.workspaces.create({ name: 'Bench' });
  const api = kit.workspace(ws.id);
  const agent = await api.users.create({ name: 'Agent', email: 'agent@bench.test' });
  const inbox = await api.inboxes.create({ name: 'Inbox', members: { users: [agent.id] } });
  const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'bench' });
  const message = (i: number): InboundMessage => ({
    workspaceId: ws.id, channelId: channel.id, externalId: `<m${i}@mail.bench.test>`, from: { email: `c${i}@bench.test`, name: `Customer ${i}` },
    subject: `Order #${i}`, text: 'Hello, my order did not arrive. Can you check where it is?',
  });
  return { storage, kit, ws, inbox, channel, message };
}

/**
 * The raw baseline: the rows ingest of a new conversation writes, as hand-written statements
 * in one transaction per message (contact, conversation, message, the conversation's search
 * document and last-incoming row, its three events through the same per-workspace seq
 * counter), without the reads and checks of the pipeline.
 */
async function rawIngest(pool: pg.Pool, schema: string, workspaceId: string, inboxId: string, channelId: string, i: number): Promise<void> {
  const s = `"${schema}"`;
  const now = Date.now();
  const [contactId, conversationId, messageId] = [`ct_raw${i}`, `conv_raw${i}`, `itm_raw${i}`];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${s}.contacts (workspace_id, id, email, name, phone, visitor_ids, properties, owner_id, created_at, updated_at)
      VALUES ($1,$2,$3,$4,null,'[]','{}',null,$5,$5)`, [workspaceId, contactId, `raw${i}@bench.test`, `Customer ${i}`, now]);
    await client.query(`INSERT INTO ${s}.conversations (workspace_id, id, inbox_id, channel_id, channel_type, contact_id, subject, status, snoozed_until,
      assignee_id, team_id, spam, origin, reply_token, message_count, created_at, updated_at, last_message_at, first_response_at, closed_at, extra)
      VALUES ($1,$2,$3,$4,'test',$5,$6,'open',null,null,null,false,$7::jsonb,$8,1,$9,$9,$9,null,null,'{}')`,
    [workspaceId, conversationId, inboxId, channelId, contactId, `Order #${i}`, JSON.stringify({ kind: 'channel', id: channelId }), `tok${i}`, now]);
    await client.query(`INSERT INTO ${s}.timeline_items (workspace_id, id, conversation_id, kind, created_at, text, channel_id, direction, author,
      visible_text, html, attachments, external_id, metadata, delivery_status, delivery_error, extra)
      VALUES ($1,$2,$3,'message',$4,$5,$6,'incoming',$7::jsonb,null,null,'[]',$8,'{}',null,null,'{}')`,
    [workspaceId, messageId, conversationId, now, 'Hello, my order did not arrive. Can you check where it is?', channelId,
      JSON.stringify({ type: 'contact', id: contactId }), `<raw${i}@mail.bench.test>`]);
    // The derived rows ingest writes too: the conversation's search document and its last incoming message.
    const subject = vectorOf(`Order #${i}`);
    const contactPart = vectorOf(`Customer ${i} raw${i}@bench.test`);
    const body = vectorOf('Hello, my order did not arrive. Can you check where it is?');
    await client.query(`INSERT INTO ${s}.conversation_search (workspace_id, conversation_id, contact_id, subject, contact, body)
      VALUES ($1,$2,$3,$4::tsvector,$5::tsvector,$6::tsvector)`, [workspaceId, conversationId, contactId, subject, contactPart, body]);
    await client.query(`INSERT INTO ${s}.conversation_incoming (workspace_id, conversation_id, last_incoming_at) VALUES ($1,$2,$3)`, [workspaceId, conversationId, now]);
    const events = ['contact.created', 'conversation.created', 'message.received'].map((type, k) => ({ id: `evt_raw${i}_${k}`, type, at: now, data: { conversationId, contactId } }));
    await client.query(`WITH counter AS (
        INSERT INTO ${s}.event_seqs AS q (workspace_id, seq) VALUES ($1, $2) ON CONFLICT (workspace_id) DO UPDATE SET seq = q.seq + EXCLUDED.seq RETURNING seq
      ) INSERT INTO ${s}.events (workspace_id, seq, id, type, at, data)
        SELECT $1, counter.seq - $2 + e.ord, e.value->>'id', e.value->>'type', (e.value->>'at')::bigint, e.value->'data'
        FROM counter, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord)`, [workspaceId, events.length, JSON.stringify(events)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Messages/s of `kit.ingest` against raw statements writing the same rows in the same
 * transaction shape, and of `kit.ingestMany` (batches of `BATCH`) against `kit.ingest`, each
 * on `WORKERS` concurrent lanes into one workspace, on a pool of the default
 * `synchronous_commit` (on: each commit waits for its WAL flush, as in production).
 */
export async function ingestThroughput(url: string): Promise<Row[]> {
  const pool = new pg.Pool({ connectionString: url, max: WORKERS });
  try {
    const raw = await kitOn(pool, 'bench_ingest_raw');
    const one = await kitOn(pool, 'bench_ingest_one');
    const many = await kitOn(pool, 'bench_ingest_many');
    // The doors take turns, a third of the messages each time: a change in the machine's
    // load then falls on all three alike instead of on whichever ran during it.
    let [rawMs, oneMs, manyMs] = [0, 0, 0];
    const round = MESSAGES / ROUNDS;
    for (let r = 0; r < ROUNDS; r++) {
      const from = r * round;
      rawMs += await lanes(round, (i) => rawIngest(pool, 'bench_ingest_raw', raw.ws.id, raw.inbox.id, raw.channel.id, from + i));
      oneMs += await lanes(round, async (i) => {
        await one.kit.ingest(one.message(from + i));
      });
      manyMs += await lanes(round / BATCH, async (b) => {
        await many.kit.ingestMany(Array.from({ length: BATCH }, (_, k) => many.message(from + b * BATCH + k)));
      });
    }
    for (const w of [raw, one, many]) await w.storage.close();
    const perS = (ms: number) => MESSAGES / (ms / 1000);
    const note = `${MESSAGES} new conversations, ${WORKERS} lanes, one workspace, synchronous_commit on`;
    return [
      { section: 'ingest throughput', measure: 'raw statements, 1 tx per message (baseline)', value: `${fmt(perS(rawMs), 0)} msgs/s`, note },
      { section: 'ingest throughput', measure: 'kit.ingest, 1 tx per message', value: `${fmt(perS(oneMs), 0)} msgs/s`, note },
      { section: 'ingest throughput', measure: 'kit.ingest / raw', value: fmt(rawMs / oneMs, 2), note: 'goal ≥ 0.50' },
      { section: 'ingest throughput', measure: `kit.ingestMany, ${BATCH} per call`, value: `${fmt(perS(manyMs), 0)} msgs/s`, note },
      { section: 'ingest throughput', measure: 'kit.ingestMany / kit.ingest', value: fmt(oneMs / manyMs, 2), note: 'goal ≥ 5' },
    ];
  } finally {
    await pool.end();
  }
}
