import type { ConversationFilter } from '@inboxkit/core';
import type pg from 'pg';
import { postgresStorage } from '../src/index.js';
import { seededRandom } from '@inboxkit/core/testing';
import { LIST_WS as WS } from '../test/helpers/list-seed.js';
import { fmt, percentile, since, type Row } from './stats.js';

const SAMPLES = 300;
const PAGE_DEPTH = 5;
const LIMIT = 25;

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

/**
 * `conversations.list` p50/p99 per list shape, following cursors up to PAGE_DEPTH pages, on
 * a schema `seedList` filled (the 1M one of `listGrowth`).
 */
export async function listLatency(pool: pg.Pool, schema: string): Promise<Row[]> {
  const storage = postgresStorage({ pool, schema });
  const rows: Row[] = [];
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
