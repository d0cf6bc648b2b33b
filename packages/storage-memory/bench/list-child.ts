import { PerformanceObserver, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { ConversationFilter, Storage } from '@inboxkit/core';
import { memoryStorage } from '../src/index.js';
import { seedConversations } from './seed.js';

const LIMIT = 50;
const CALLS_PER_ROUND = 500;
const PAGE_DEPTH = 10;
const WS = 'ws_bench';

type Scroll = { cursor: string | null; depth: number };

/** One call's wall-clock ms and the process's CPU ms in it (what a busy machine cannot inflate by preempting). */
export type Sample = [wall: number, cpu: number];

/** One list an inbox UI asks for; `call` runs one and returns its timing. */
interface Shape {
  name: string;
  note: string;
  call(storage: Storage, scroll: Scroll): Promise<Sample>;
}

const statusView: ConversationFilter = { statuses: ['open'], spam: false };
const unassignedView: ConversationFilter = { assigneeId: null, statuses: ['open'], spam: false };

async function timed(storage: Storage, filter: ConversationFilter, cursor: string | null) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const page = await storage.conversations.list(WS, { ...filter, cursor, limit: LIMIT });
  const wall = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { ms: [wall, (user + system) / 1000] as Sample, next: page.nextCursor };
}

/** The three shapes of issue #14, as the core's store filter (it adds `spam: false`). */
export const SHAPES: Shape[] = [
  { name: 'status view', note: "status 'open', first page", call: async (s) => (await timed(s, statusView, null)).ms },
  { name: 'unassigned view', note: "unassigned and 'open', first page", call: async (s) => (await timed(s, unassignedView, null)).ms },
  {
    name: 'cursor paging',
    note: `status view, pages 2–${PAGE_DEPTH} following nextCursor (a scroll restarts after page ${PAGE_DEPTH})`,
    async call(s, scroll) {
      if (scroll.cursor === null || scroll.depth >= PAGE_DEPTH) Object.assign(scroll, { cursor: (await timed(s, statusView, null)).next, depth: 1 });
      const { ms, next } = await timed(s, statusView, scroll.cursor);
      Object.assign(scroll, { cursor: next, depth: scroll.depth + 1 });
      return ms;
    },
  },
];

/** What a child reports per round: samples per shape, and the GC time that fell in it. */
export interface RoundResult {
  samples: Sample[][];
  gcMs: number;
  gcMaxMs: number;
}

/** A child: seeds `scale` conversations on `seed`, measures a round on each `round`. */
export async function runChild(scale: number): Promise<void> {
  const storage = memoryStorage();
  const scrolls = SHAPES.map((): Scroll => ({ cursor: null, depth: 0 }));
  let gc: number[] = [];
  new PerformanceObserver((list) => gc.push(...list.getEntries().map((e) => e.duration))).observe({ entryTypes: ['gc'] });
  const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  for await (const command of createInterface({ input: process.stdin })) {
    if (command === 'seed') {
      const start = performance.now();
      await seedConversations(storage, {
        workspaceId: WS, channelId: 'ch_bench', inboxIds: ['inb_0', 'inb_1', 'inb_2', 'inb_3'],
        userIds: Array.from({ length: 10 }, (_, i) => `usr_${i}`), count: scale, start: Date.now() - scale * 1_000,
      });
      reply({ seedMs: performance.now() - start, heapMb: process.memoryUsage().heapUsed / 2 ** 20 });
    } else if (command === 'round') {
      gc = [];
      const samples: Sample[][] = [];
      for (const [j, shape] of SHAPES.entries()) {
        const list: Sample[] = [];
        for (let i = 0; i < CALLS_PER_ROUND; i++) list.push(await shape.call(storage, scrolls[j]!));
        samples.push(list);
      }
      // GC entries are delivered asynchronously: let them arrive before reporting.
      await new Promise((resolve) => setTimeout(resolve, 10));
      reply({ samples, gcMs: gc.reduce((a, b) => a + b, 0), gcMaxMs: Math.max(0, ...gc) } satisfies RoundResult);
    }
  }
}
