import { LIST_WS } from '../test/helpers/list-seed.js';
import type pg from 'pg';
import { listQuery } from '../src/stores/conversations.js';
import { fmt, percentile, type Row } from './stats.js';
import type { ListView } from './list-growth.js';

/** EXPLAIN runs per view and scale: enough for a stable median of the server's own time. */
const EXPLAINS = 300;

interface Explained {
  index: string;
  buffers: number;
  read: number;
  executionMs: number;
  planningMs: number;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

async function explainOnce(pool: pg.Pool, schema: string, view: ListView, cursor: string | null): Promise<Explained> {
  const { sql, params } = listQuery(`"${schema}".conversations`, LIST_WS, { ...view.filter, cursor, limit: view.limit });
  // TIMING OFF: per-node clocks would cost more than the 50-row scan they time.
  const { rows } = await pool.query<{ 'QUERY PLAN': Array<Record<string, unknown> & { Plan: PlanNode & Record<string, number> }> }>(
    `EXPLAIN (ANALYZE, TIMING OFF, BUFFERS, FORMAT JSON) ${sql}`,
    params,
  );
  const [top] = rows[0]!['QUERY PLAN'];
  const scans = nodes(top!.Plan).filter((n) => n['Index Name']).map((n) => `${n['Node Type']} ${n['Index Name']}`);
  return {
    index: [...new Set(scans)].join(' + ') || nodes(top!.Plan).map((n) => n['Node Type']).join(' > '),
    buffers: top!.Plan['Shared Hit Blocks']! + top!.Plan['Shared Read Blocks']!,
    read: top!.Plan['Shared Read Blocks']!,
    executionMs: Number(top!['Execution Time']),
    planningMs: Number(top!['Planning Time']),
  };
}

/**
 * The server's side of each view at each scale, from `EXPLAIN (ANALYZE, BUFFERS)` of the very
 * statements `list` sends (for a scroll: pages 2 to its depth, by real `nextCursor`s), the
 * scales interleaved: which index, buffers per page, the server's execution and planning time.
 * What the client adds on top (protocol, row parsing, mapping) is the rest of the client's time.
 */
export async function serverSide(pool: pg.Pool, schemas: readonly string[], views: readonly ListView[], cursors: (schema: string, view: ListView) => Promise<Array<string | null>>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const view of views) {
    const pages = await Promise.all(schemas.map((schema) => cursors(schema, view)));
    const runs = schemas.map((): Explained[] => []);
    for (let i = 0; i < EXPLAINS; i++) {
      for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const cursor = pages[k]![i % pages[k]!.length]!;
        runs[k]!.push(await explainOnce(pool, schemas[k]!, view, cursor));
      }
    }
    const side = (r: Explained[]) => {
      const mean = r.reduce((sum, e) => sum + e.buffers, 0) / r.length;
      const median = (pick: (e: Explained) => number) => fmt(percentile(r.map(pick), 50), 3);
      return `exec ${median((e) => e.executionMs)} plan ${median((e) => e.planningMs)} ms, ${fmt(mean, 0)} buffers`;
    };
    const indexes = [...new Set(runs.flat().map((e) => e.index))].join(', ');
    const read = runs.map((r) => r.reduce((sum, e) => sum + e.read, 0));
    rows.push({
      section: 'list growth',
      measure: `  server, ${view.name}`,
      value: `10k ${side(runs[0]!)} | 1M ${side(runs[1]!)}`,
      note: `EXPLAIN (ANALYZE, BUFFERS) p50 over ${EXPLAINS} runs per scale; ${indexes}; blocks read from outside shared buffers: ${read.join(' | ')}`,
    });
  }
  return rows;
}

/** The full 1M plans of each view's first page and of a page of its scroll, for the record. */
export async function printPlans(pool: pg.Pool, schema: string, views: readonly ListView[], cursors: (schema: string, view: ListView) => Promise<Array<string | null>>): Promise<void> {
  for (const view of views) {
    const pages = await cursors(schema, view);
    const cursor = pages[Math.floor(pages.length / 2)] ?? null;
    const { sql, params } = listQuery(`"${schema}".conversations`, LIST_WS, { ...view.filter, cursor, limit: view.limit });
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(`-- ${view.name}: ${sql.replace(/\s+/g, ' ')}  ${JSON.stringify(params)}`);
    console.log(rows.map((r) => r['QUERY PLAN']).join('\n'), '\n');
  }
}
