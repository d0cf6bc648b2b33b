import { loadavg } from 'node:os';
import { encodeCursor, type ConversationFilter } from '@inboxkit/core';
import type pg from 'pg';
import { postgresStorage } from '../src/index.js';
import { listQuery } from '../src/stores/conversations.js';
import { LIST_WS, seedList } from '../test/helpers/list-seed.js';
import { fmt, percentile, since, type Row } from './stats.js';

/** The scales compared: a small workspace and a 1M one, each alone in its own schema. */
export const GROWTH_SCALES = [10_000, 1_000_000] as const;
const ROUNDS = 6;
const CALLS_PER_ROUND = 100;
const LIMIT = 50; // the kit's default page
const PAGE_DEPTH = 10;

type Storage = ReturnType<typeof postgresStorage>;
type ListResult = Awaited<ReturnType<Storage['conversations']['list']>>;

/** One list a UI asks for; `page` runs it once and returns the ms of the call timed. */
interface Shape {
  name: string;
  note: string;
  page(storage: Storage, state: { cursor: string | null; depth: number }): Promise<number>;
}

const statusView: ConversationFilter = { statuses: ['open'], spam: false };
const unassignedView: ConversationFilter = { assigneeId: null, statuses: ['open'], spam: false };

async function timed(storage: Storage, filter: ConversationFilter, cursor: string | null): Promise<[number, ListResult]> {
  const start = performance.now();
  const result = await storage.conversations.list(LIST_WS, { ...filter, cursor, limit: LIMIT });
  return [since(start), result];
}

/** The three shapes of issue #14, as the core's store filter (it adds `spam: false`). */
const shapes: Shape[] = [
  { name: 'status view', note: "status 'open', page 1", page: async (s) => (await timed(s, statusView, null))[0] },
  { name: 'unassigned view', note: "unassigned + 'open', page 1", page: async (s) => (await timed(s, unassignedView, null))[0] },
  {
    name: 'cursor paging',
    note: `status view, pages 2–${PAGE_DEPTH} by nextCursor`,
    async page(s, state) {
      // Each call is the next page of one scroll; a scroll restarts after PAGE_DEPTH pages.
      if (state.cursor === null || state.depth >= PAGE_DEPTH) {
        state.cursor = (await timed(s, statusView, null))[1].nextCursor;
        state.depth = 1;
      }
      const [ms, result] = await timed(s, statusView, state.cursor);
      state.cursor = result.nextCursor;
      state.depth += 1;
      return ms;
    },
  },
];

/** `EXPLAIN (ANALYZE, BUFFERS)` of the statement `list` sends for each view, first page and a later one, at 1M. */
async function explain(pool: pg.Pool, schema: string): Promise<string[]> {
  const table = `"${schema}".conversations`;
  const { rows: [newest] } = await pool.query<{ at: string; id: string }>(
    `SELECT last_message_at AS at, id FROM ${table} ORDER BY last_message_at DESC, id DESC OFFSET 200 LIMIT 1`,
  );
  const cursor = encodeCursor([Number(newest!.at), newest!.id]);
  const out: string[] = [];
  for (const [name, filter, at] of [
    ['status view', statusView, null], ['unassigned view', unassignedView, null],
    ['status view, a later page', statusView, cursor], ['unassigned view, a later page', unassignedView, cursor],
  ] as const) {
    const { sql, params } = listQuery(table, LIST_WS, { ...filter, cursor: at, limit: LIMIT });
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    out.push(`-- ${name}: ${sql.replace(/\s+/g, ' ')}  ${JSON.stringify(params)}`, ...rows.map((r) => r['QUERY PLAN']), '');
  }
  return out;
}

/**
 * p50/p99 of each shape at 10k and 1M conversations and the 1M/10k ratio. The scales are
 * measured in interleaved rounds (order alternating), so a load spike lands on both rather
 * than deciding the ratio. Prints the 1M plans.
 */
export async function listGrowth(pool: pg.Pool): Promise<Row[]> {
  const stores: Storage[] = [];
  const rows: Row[] = [];
  for (const scale of GROWTH_SCALES) {
    const storage = postgresStorage({ pool, schema: `bench_list_${scale}` });
    await storage.migrate();
    const start = performance.now();
    const client = await pool.connect();
    try {
      await seedList(client, `bench_list_${scale}`, scale);
    } finally {
      client.release();
    }
    const ms = since(start);
    rows.push({ section: 'list growth', measure: `seed ${scale.toLocaleString('en')}`, value: `${fmt(ms / 1000, 1)} s`, note: 'INSERT … SELECT generate_series, indexes rebuilt, VACUUM ANALYZE' });
    stores.push(storage);
  }
  const load = [loadavg()[0]!];
  const samples = stores.map(() => shapes.map((): number[] => []));
  const states = stores.map(() => shapes.map(() => ({ cursor: null as string | null, depth: 0 })));
  // Warm-up: a round per scale that is not counted (plans cached, pages in shared buffers).
  for (const [k, storage] of stores.entries()) for (const [j, shape] of shapes.entries()) for (let i = 0; i < 20; i++) await shape.page(storage, states[k]![j]!);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      for (const [j, shape] of shapes.entries()) {
        for (let i = 0; i < CALLS_PER_ROUND; i++) samples[k]![j]!.push(await shape.page(stores[k]!, states[k]![j]!));
      }
    }
    load.push(loadavg()[0]!);
  }
  for (const [j, shape] of shapes.entries()) {
    const [small, big] = [samples[0]![j]!, samples[1]![j]!];
    const p99 = [percentile(small, 99), percentile(big, 99)];
    rows.push({
      section: 'list growth',
      measure: shape.name,
      value: `10k p50 ${fmt(percentile(small, 50))} p99 ${fmt(p99[0]!)} | 1M p50 ${fmt(percentile(big, 50))} p99 ${fmt(p99[1]!)} ms | p99 ×${fmt(p99[1]! / p99[0]!)}`,
      note: `${shape.note}; ${small.length} calls per scale, limit ${LIMIT}`,
    });
  }
  rows.push({ section: 'list growth', measure: 'load average (1 min)', value: `${fmt(Math.min(...load))}–${fmt(Math.max(...load))}`, note: `over ${ROUNDS} interleaved rounds, 2 cores` });
  if (process.env.BENCH_EXPLAIN !== '0') console.log((await explain(pool, `bench_list_${GROWTH_SCALES[1]}`)).join('\n'));
  for (const storage of stores) await storage.close();
  return rows;
}
