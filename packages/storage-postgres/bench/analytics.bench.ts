// `npm run bench` (after the store benches): each analytics report over 1M timeline items /
// 100k conversations on a real server, with its time and the Node process's peak memory, next to
// two baselines measured in the same run: a raw scan of every message (`count(*)`), and the naive
// way (load the messages into Node and compute there) on a tenth of the data.
// Seeds a fresh database of its own on DATABASE_URL's server (default: postgres@127.0.0.1:5432)
// and drops it at the end. Run alone: `node --expose-gc --import tsx bench/analytics.bench.ts`.
import { conversationExportColumns, createInboxKit, durationStats, timelineFacts, toCsv, type TimelineItem, type WorkspaceApi } from '@inboxkit/core';
import pg from 'pg';
import { postgresStorage, type PostgresStorage } from '../src/index.js';
import { createTestDatabase } from '../test/helpers/databases.js';
import { SHAPE, seedAnalytics } from './analytics-seed.js';
import { fmt, printTable, type Row } from './stats.js';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = 3;
const MONTH = 31 * 86_400_000;
const year = { from: SHAPE.start, to: SHAPE.start + SHAPE.span };
const ws = SHAPE.workspaceId;

/** Peak RSS of this process while `work` runs, sampled every millisecond (reports await I/O, so the sampler runs). */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 1);
  const start = performance.now();
  try {
    const result = await work();
    return { ms: performance.now() - start, peakMb: (Math.max(peak, process.memoryUsage.rss()) - base) / 1e6, result };
  } finally {
    clearInterval(sampler);
  }
}

/** Median time and largest peak of `RUNS` runs. */
async function repeated(work: () => Promise<unknown>): Promise<{ ms: number; peakMb: number }> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measured(work));
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)]!, peakMb: Math.max(...runs.map((r) => r.peakMb)) };
}

/** The naive way, on the first tenth of the conversations: every message row into Node, waits computed there. */
async function naiveTenth(pool: pg.Pool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ conversation_id: string; created_at: string } & Record<string, unknown>>(
    `SELECT * FROM "${schema}".timeline_items WHERE workspace_id = $1 AND conversation_id <= $2 ORDER BY conversation_id, created_at, id`,
    [ws, `conv_${String(SHAPE.conversations / 10).padStart(7, '0')}`],
  );
  const durations: number[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i]!.conversation_id === rows[start]!.conversation_id) continue;
    const items = rows.slice(start, i).map((r) => ({ ...r, createdAt: Number(r.created_at) }) as unknown as TimelineItem);
    for (const wait of timelineFacts(items).waits) durations.push(wait.endedAt - wait.startedAt);
    start = i;
  }
  return durationStats(durations).count;
}

/** The whole year as CSV through the kit, counting bytes (nothing is kept). */
async function exportAll(api: WorkspaceApi): Promise<number> {
  let bytes = 0;
  for await (const line of toCsv(api.analytics.exportConversations({ ...year, pageSize: 1000 }), conversationExportColumns)) bytes += line.length;
  return bytes;
}

/**
 * What keeping `analytics_waits` costs a write: ms per single-row reply insert through the store
 * (autocommit, as ingest and replies write), with the triggers on and, for the same shape of row
 * in other conversations, off. Runs last: the rows written with the triggers off have stale waits.
 */
async function insertCost(storage: PostgresStorage, pool: pg.Pool, schema: string): Promise<{ on: number; off: number }> {
  const count = 2_000;
  const timed = async (offset: number) => {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const conversation = (await storage.conversations.get(ws, `conv_${String(offset + i + 1).padStart(7, '0')}`))!;
      await storage.timeline.insert({
        kind: 'message', id: `itm_extra_${offset + i}`, workspaceId: ws, conversationId: conversation.id, channelId: conversation.channelId,
        direction: 'outgoing', author: { type: 'user', id: 'user_1' }, text: 'One more reply', visibleText: null, html: null, attachments: [],
        externalId: null, metadata: {}, deliveryStatus: 'sent', deliveryError: null, createdAt: conversation.createdAt + 11 * 3_600_000,
      });
    }
    return (performance.now() - start) / count;
  };
  const on = await timed(0);
  await pool.query(`ALTER TABLE "${schema}".timeline_items DISABLE TRIGGER analytics_waits_insert`);
  const off = await timed(count);
  await pool.query(`ALTER TABLE "${schema}".timeline_items ENABLE TRIGGER analytics_waits_insert`);
  return { on, off };
}

/** Seeds the bench schema and measures every line of the table. */
async function measure(pool: pg.Pool): Promise<Row[]> {
  const schema = 'bench_analytics';
  const section = 'analytics (postgres)';
  const rows: Row[] = [];
  const storage = postgresStorage({ pool, schema });
  await storage.migrate();
  const seed = await seedAnalytics(pool, schema);
  const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
  console.log(`analytics bench on PostgreSQL ${version}: ${SHAPE.conversations} conversations, ${SHAPE.conversations * SHAPE.itemsPerConversation} timeline items\n`);
  rows.push({ section, measure: 'seed: 100k conversations', value: `${fmt(seed.conversations / 1000, 1)} s`, note: 'one INSERT … SELECT' });
  rows.push({ section, measure: 'seed: 1M timeline items', value: `${fmt(seed.timeline / 1000, 1)} s`, note: 'one INSERT … SELECT; the trigger derives every wait in the same statement' });

  const scan = await repeated(() => pool.query(`SELECT count(*) FROM "${schema}".timeline_items WHERE workspace_id = $1`, [ws]));
  const line = (measure: string, m: { ms: number; peakMb: number }, note: string) =>
    rows.push({ section, measure, value: `${fmt(m.ms, 0)} ms`, note: `${fmt(m.ms / scan.ms, 1)}× scan · Node peak +${fmt(m.peakMb, 0)} MB · ${note}` });
  line('baseline: raw scan of 1M items', scan, 'SELECT count(*) of the workspace’s timeline');
  const naive = await measured(() => naiveTenth(pool, schema));
  line('baseline: naive, 1/10 of the data', naive, `all message rows of 10k conversations into Node; ×10 ≈ ${fmt((naive.ms * 10) / 1000, 1)} s`);

  const a = storage.analytics;
  // Reports that need the kit's part (business hours, calendar buckets, paging) go through ws.analytics.
  const api = createInboxKit({ storage, fallbackEmailDomain: 'bench.test' }).workspace(ws);
  line('repliesByAgent, a year', await repeated(() => a.repliesByAgent(ws, year)), 'every reply of the year');
  line('repliesByAgent, a month, one inbox', await repeated(() => a.repliesByAgent(ws, { from: year.from, to: year.from + MONTH, inboxIds: ['inbox_3'] })), 'index range');
  line('responseTimes by inbox, a year', await repeated(() => a.responseTimes(ws, { ...year, groupBy: 'inbox' })), 'count/avg/median/p90 × 3 figures');
  line('responseTimes by agent, business hours', await repeated(() => api.analytics.responseTimes({ ...year, groupBy: 'agent', businessHours: true })), '50 agents’ hours in 5 zones, through ws.analytics');
  line('volume by day (Oslo), a year', await repeated(() => api.analytics.volume({ ...year, interval: 'day', timeZone: 'Europe/Oslo' })), '365 buckets × 3 channel types');
  line('volume by hour (New York), a month', await repeated(() => api.analytics.volume({ from: year.from, to: year.from + MONTH, interval: 'hour', timeZone: 'America/New_York' })), '744 buckets');
  line('exportConversations → CSV, a year', await measured(() => exportAll(api)), '100k rows streamed in pages of 1000');
  const cost = await insertCost(storage, pool, schema);
  rows.push({ section, measure: 'write cost: a reply, triggers on', value: `${fmt(cost.on, 2)} ms`, note: `vs ${fmt(cost.off, 2)} ms with the analytics triggers off (get + insert, autocommit, 2000 each)` });
  await storage.close();
  return rows;
}

const database = await createTestDatabase(serverUrl, 'inboxkit_bench');
const pool = new pg.Pool({ connectionString: database.url, max: 4 });
try {
  printTable(await measure(pool));
} finally {
  await pool.end();
  await database.drop();
}
