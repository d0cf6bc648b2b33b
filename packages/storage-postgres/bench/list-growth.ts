import { loadavg } from 'node:os';
import type { ConversationFilter } from '@inboxkit/core';
import { seededRandom } from '@inboxkit/core/testing';
import type pg from 'pg';
import { postgresStorage } from '../src/index.js';
import { LIST_WS, seedList } from '../test/helpers/list-seed.js';
import { printPlans, serverSide } from './list-plans.js';
import { fmt, percentile, ratioInterval, since, type Row } from './stats.js';

/** The scales compared: a small workspace and a 1M one, each alone in its own schema. */
export const GROWTH_SCALES = [10_000, 1_000_000] as const;
/** Timed calls per view and scale: p99 is then the 30th slowest, not the 6th. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 3000);
/** Calls per view and scale before timing: plans, catalog caches and the pages read are warm. */
const WARMUP = 200;
const LIMIT = 50; // the kit's default page
const PAGE_DEPTH = 10;

type Storage = ReturnType<typeof postgresStorage>;

/** One list a UI asks for: page 1 only (`depth` 1), or a scroll of pages 2–`depth` by `nextCursor`. */
export interface ListView {
  name: string;
  note: string;
  filter: ConversationFilter;
  limit: number;
  depth: number;
}

const statusView: ConversationFilter = { statuses: ['open'], spam: false };
const unassignedView: ConversationFilter = { assigneeId: null, statuses: ['open'], spam: false };
const noTeamView: ConversationFilter = { teamId: null, statuses: ['open'], spam: false };

/** The three shapes of issue #14 and the no-team view (migration 0010), as the core's store filter (it adds `spam: false`). */
const views: ListView[] = [
  { name: 'status view', note: "status 'open', page 1", filter: statusView, limit: LIMIT, depth: 1 },
  { name: 'unassigned view', note: "unassigned + 'open', page 1", filter: unassignedView, limit: LIMIT, depth: 1 },
  { name: 'cursor paging', note: `status view, pages 2–${PAGE_DEPTH} by nextCursor`, filter: statusView, limit: LIMIT, depth: PAGE_DEPTH },
  { name: 'no-team view', note: "no team + 'open', page 1", filter: noTeamView, limit: LIMIT, depth: 1 },
];

/** Where a view's scroll stands on one store: the next page's cursor and its number. */
interface Scroll {
  cursor: string | null;
  page: number;
}

interface Sample {
  ms: number;
  cpuMs: number;
}

/**
 * The next timed call of `view`: page 1, or the next page of its scroll. A scroll restarts
 * after `depth` pages with an untimed page 1, so the timed calls are pages 2–`depth` only.
 */
async function next(storage: Storage, view: ListView, scroll: Scroll): Promise<Sample> {
  const list = (cursor: string | null) => storage.conversations.list(LIST_WS, { ...view.filter, cursor, limit: view.limit });
  if (view.depth > 1 && (scroll.cursor === null || scroll.page > view.depth)) {
    scroll.cursor = (await list(null)).nextCursor;
    scroll.page = 2;
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await list(view.depth > 1 ? scroll.cursor : null);
  const ms = since(start);
  const used = process.cpuUsage(cpu);
  scroll.cursor = result.nextCursor;
  scroll.page += 1;
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** The cursors of a view's timed pages on one store: `[null]` for page 1, else pages 2–depth. */
function cursorsOf(stores: ReadonlyMap<string, Storage>) {
  return async (schema: string, view: ListView): Promise<Array<string | null>> => {
    if (view.depth === 1) return [null];
    const storage = stores.get(schema)!;
    const cursors: Array<string | null> = [];
    let cursor: string | null = null;
    for (let page = 1; page < view.depth; page++) {
      cursor = (await storage.conversations.list(LIST_WS, { ...view.filter, cursor, limit: view.limit })).nextCursor;
      cursors.push(cursor);
    }
    return cursors;
  };
}

async function seedScales(pool: pg.Pool, rows: Row[]): Promise<Map<string, Storage>> {
  const stores = new Map<string, Storage>();
  for (const scale of GROWTH_SCALES) {
    const schema = `bench_list_${scale}`;
    const storage = postgresStorage({ pool, schema });
    await storage.migrate();
    const start = performance.now();
    const client = await pool.connect();
    try {
      await seedList(client, schema, scale);
    } finally {
      client.release();
    }
    rows.push({ section: 'list growth', measure: `seed ${scale.toLocaleString('en')}`, value: `${fmt(since(start) / 1000, 1)} s`, note: 'INSERT … SELECT generate_series, indexes rebuilt, VACUUM ANALYZE' });
    stores.set(schema, storage);
  }
  return stores;
}

/**
 * p50/p99 of the client's wall time of `storage.conversations.list` for each view at 10k and
 * 1M conversations, and the 1M/10k p99 ratio with a 95% interval. Both stores share one pool
 * and the calls alternate between them one by one (which goes first alternating too), so a
 * load spike or a GC pause is as likely to land on either scale. Then the server's side of
 * the same statements, and the 1M plans.
 */
export async function listGrowth(pool: pg.Pool): Promise<Row[]> {
  const rows: Row[] = [];
  const stores = await seedScales(pool, rows);
  const storages = [...stores.values()];
  const samples = storages.map(() => views.map((): Sample[] => []));
  const scrolls = storages.map(() => views.map((): Scroll => ({ cursor: null, page: 0 })));
  const load = [loadavg()[0]!];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    for (const [j, view] of views.entries()) {
      for (const k of (i + j) % 2 === 0 ? [0, 1] : [1, 0]) {
        const sample = await next(storages[k]!, view, scrolls[k]![j]!);
        if (i >= WARMUP) samples[k]![j]!.push(sample);
      }
    }
    if (i % 500 === 0) load.push(loadavg()[0]!);
  }
  load.push(loadavg()[0]!);
  const random = seededRandom(14);
  for (const [j, view] of views.entries()) {
    const [small, big] = [samples[0]![j]!.map((s) => s.ms), samples[1]![j]!.map((s) => s.ms)];
    const cpu = samples.map((scale) => fmt(percentile(scale[j]!.map((s) => s.cpuMs), 50)));
    const p99 = [percentile(small, 99), percentile(big, 99)];
    const [low, high] = ratioInterval(small, big, 99, random);
    rows.push({
      section: 'list growth',
      measure: view.name,
      value: `10k p50 ${fmt(percentile(small, 50))} p99 ${fmt(p99[0]!)} | 1M p50 ${fmt(percentile(big, 50))} p99 ${fmt(p99[1]!)} ms | p99 ×${fmt(p99[1]! / p99[0]!)} (95% ${fmt(low)}–${fmt(high)})`,
      note: `${view.note}; ${small.length} calls per scale, limit ${LIMIT}; client CPU p50 ${cpu.join(' | ')} ms`,
    });
  }
  rows.push({ section: 'list growth', measure: 'load average (1 min)', value: `${fmt(Math.min(...load))}–${fmt(Math.max(...load))}`, note: `while timing, 2 cores; ${WARMUP} untimed calls per view and scale first` });
  const schemas = [...stores.keys()];
  const cursors = cursorsOf(stores);
  rows.push(...(await serverSide(pool, schemas, views, cursors)));
  if (process.env.BENCH_EXPLAIN !== '0') await printPlans(pool, schemas[1]!, views, cursors);
  for (const storage of storages) await storage.close();
  return rows;
}
