import type { ConversationFilter } from '@inboxkit/core';
import type pg from 'pg';
import { postgresStorage } from '../src/index.js';
import { seededRandom } from '@inboxkit/core/testing';
import { fmt, percentile, since, type Row } from './stats.js';

const CONVERSATIONS = 1_000_000;
const SAMPLES = 300;
const PAGE_DEPTH = 5;
const LIMIT = 25;
const WS = 'ws_big';

/**
 * 1M conversations in one workspace, from one INSERT … SELECT over generate_series: 20
 * inboxes, 50 agents (30% unassigned), 10 teams, 20% open / 5% snoozed / 75% closed, 5% spam,
 * activity spread over a year. The schema's indexes are dropped for the load and rebuilt from
 * their own definitions after (bulk index builds are far faster than row-by-row upkeep).
 */
export async function seed(pool: pg.Pool, schema: string): Promise<number> {
  const start = performance.now();
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes
       WHERE schemaname = $1 AND tablename = 'conversations' AND indexname NOT LIKE '%_pkey'`,
      [schema],
    );
    for (const index of indexes) await client.query(`DROP INDEX "${schema}"."${index.indexname}"`);
    await client.query('SELECT setseed(0.42)');
    await client.query(
      `INSERT INTO "${schema}".workspaces (id, name, created_at, updated_at) VALUES ($1, 'Big', 0, 0)`,
      [WS],
    );
    await client.query(
      `INSERT INTO "${schema}".conversations
         (workspace_id, id, inbox_id, channel_id, channel_type, contact_id, subject, status, snoozed_until,
          assignee_id, team_id, spam, origin, reply_token, message_count, created_at, updated_at,
          last_message_at, first_response_at, closed_at)
       SELECT $1, 'conv_' || lpad(g::text, 8, '0'), 'inbox_' || (g % 20), 'chan_' || (g % 30),
              (ARRAY['email', 'chat', 'forms'])[1 + g % 3], 'contact_' || (g % 200000), 'Subject ' || g,
              CASE WHEN r < 0.20 THEN 'open' WHEN r < 0.25 THEN 'snoozed' ELSE 'closed' END,
              CASE WHEN r >= 0.20 AND r < 0.25 THEN t + 86400000 END,
              CASE WHEN r2 < 0.3 THEN NULL ELSE 'user_' || (floor(r2 * 1000)::int % 50) END,
              'team_' || (g % 10), r3 < 0.05, '{"kind":"channel","id":null}', md5(g::text), 1 + g % 7,
              t, t, t, NULL, CASE WHEN r >= 0.25 THEN t + 7200000 END
       FROM (SELECT g, random() AS r, random() AS r2, random() AS r3,
                    1735689600000 + floor(random() * 31536000000)::bigint AS t
             FROM generate_series(1, $2::int) AS g) AS x`,
      [WS, CONVERSATIONS],
    );
    for (const index of indexes) await client.query(index.indexdef);
    await client.query(`ANALYZE "${schema}".conversations`);
  } finally {
    client.release();
  }
  return since(start);
}

interface Shape {
  name: string;
  filter: (random: () => number) => ConversationFilter;
}

const pick = (random: () => number, n: number) => Math.floor(random() * n);

/** The lists an inbox UI asks for, with the spam default the core applies. */
const shapes: Shape[] = [
  { name: 'all, newest first', filter: () => ({ spam: false }) },
  { name: 'one inbox, open', filter: (r) => ({ inboxIds: [`inbox_${pick(r, 20)}`], statuses: ['open'], spam: false }) },
  {
    name: '5 inboxes, open',
    filter: (r) => ({ inboxIds: Array.from({ length: 5 }, (_, i) => `inbox_${(pick(r, 20) + i * 4) % 20}`), statuses: ['open'], spam: false }),
  },
  { name: 'assigned to me, open', filter: (r) => ({ assigneeId: `user_${pick(r, 50)}`, statuses: ['open'], spam: false }) },
  { name: 'unassigned in team, open', filter: (r) => ({ assigneeId: null, teamId: `team_${pick(r, 10)}`, statuses: ['open'], spam: false }) },
  { name: 'one contact', filter: (r) => ({ contactId: `contact_${pick(r, 200000)}`, spam: false }) },
];

/** `conversations.list` p50/p99 per list shape, following cursors up to PAGE_DEPTH pages. */
export async function listLatency(pool: pg.Pool): Promise<Row[]> {
  const schema = 'bench_list';
  const storage = postgresStorage({ pool, schema });
  await storage.migrate();
  const seedMs = await seed(pool, schema);
  const rows: Row[] = [
    { section: 'conversations.list', measure: 'seed 1M conversations', value: `${fmt(seedMs / 1000, 1)} s`, note: 'INSERT … SELECT generate_series, indexes rebuilt, ANALYZE' },
  ];
  for (const [n, shape] of shapes.entries()) {
    const random = seededRandom(1000 + n);
    const samples: number[] = [];
    while (samples.length < SAMPLES) {
      const filter = shape.filter(random);
      let cursor: string | null = null;
      for (let page = 0; page < PAGE_DEPTH && samples.length < SAMPLES; page++) {
        const start = performance.now();
        const result: Awaited<ReturnType<typeof storage.conversations.list>> = await storage.conversations.list(WS, { ...filter, cursor, limit: LIMIT });
        samples.push(since(start));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
    }
    rows.push({
      section: 'conversations.list',
      measure: shape.name,
      value: `p50 ${fmt(percentile(samples, 50))} ms / p99 ${fmt(percentile(samples, 99))} ms`,
      note: `${SAMPLES} calls, limit ${LIMIT}, pages 1–${PAGE_DEPTH} by cursor`,
    });
  }
  await storage.close();
  return rows;
}
