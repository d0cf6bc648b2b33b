/**
 * Each analytics report over 1M timeline items / 100k conversations in the memory store: wall
 * time (median of 5 runs), CPU time (min and median: the machine may be shared, and CPU time
 * moves less with the load) and peak heap in use above the level before the report, next to a
 * baseline measured in the same run: the naive way through the public Storage API (read every
 * conversation's timeline with `timeline.list`, compute waits in JS) on a tenth of the data.
 * "vs naive" compares median CPU times. The load average is printed with the table.
 * Part of `npm run bench -w @inboxkit/storage-memory`; alone:
 * `node --expose-gc --max-old-space-size=16384 --import tsx bench/analytics.bench.ts`.
 */
import { loadavg } from 'node:os';
import { conversationExportColumns, createInboxKit, durationStats, timelineFacts, toCsv, type TimelineItem } from '@inboxkit/core';
import { memoryStorage } from '../src/index.js';
import { SHAPE, seedAnalytics } from './analytics-seed.js';
import { measureHeap } from './peak-heap.js';
import { fmt, printTable } from './table.js';

const RUNS = 5;
const MONTH = 31 * 86_400_000;
const year = { from: SHAPE.start, to: SHAPE.start + SHAPE.span };
const ws = SHAPE.workspaceId;

const storage = memoryStorage();
const seedCpu = process.cpuUsage();
const seedMs = await seedAnalytics(storage);
const { user: seedUser, system: seedSystem } = process.cpuUsage(seedCpu);
console.log(
  `seeded ${SHAPE.conversations} conversations and ${SHAPE.conversations * SHAPE.itemsPerConversation} timeline items in ${fmt(seedMs / 1000)} s, ${fmt((seedUser + seedSystem) / 1e6)} s CPU (through the Storage API)`,
);
console.log(`heap used ${fmt(process.memoryUsage().heapUsed / 1e6, 0)} MB, rss ${fmt(process.memoryUsage.rss() / 1e6, 0)} MB`);

interface Measure {
  ms: number;
  cpuMs: number;
  cpuMinMs: number;
  peakMb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall and CPU time, least CPU time and largest peak of `RUNS` runs. */
async function repeated(work: () => Promise<unknown>): Promise<Measure> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measureHeap(work));
  const cpu = runs.map((r) => r.cpuMs);
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(cpu), cpuMinMs: Math.min(...cpu), peakMb: Math.max(...runs.map((r) => r.peakMb)) };
}

/** One run as a `Measure` (for reports too slow to repeat). */
async function once(work: () => Promise<unknown>): Promise<Measure> {
  const run = await measureHeap(work);
  return { ...run, cpuMinMs: run.cpuMs };
}

/** The naive way on the first tenth of the conversations: every timeline read through the API, waits computed in JS. */
async function naiveTenth(): Promise<number> {
  const durations: number[] = [];
  for (let g = 1; g <= SHAPE.conversations / 10; g++) {
    const items: TimelineItem[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof storage.timeline.list>> = await storage.timeline.list(ws, `conv_${String(g).padStart(7, '0')}`, { cursor, limit: 100 });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    for (const wait of timelineFacts(items).waits) durations.push(wait.endedAt - wait.startedAt);
  }
  return durationStats(durations).count;
}

const api = createInboxKit({ storage, fallbackEmailDomain: 'bench.test' }).workspace(ws);
const analytics = storage.analytics!;
const naive = await repeated(naiveTenth);
const naiveFull = naive.cpuMs * 10;
const rows: Record<string, string>[] = [];
const line = (report: string, m: Measure, note: string) =>
  rows.push({
    report,
    time: `${fmt(m.ms, 0)} ms`,
    'CPU min / median': `${fmt(m.cpuMinMs, 0)} / ${fmt(m.cpuMs, 0)} ms`,
    'vs naive': `${fmt(m.cpuMs / naiveFull, 3)}×`,
    'peak heap': `+${fmt(m.peakMb, 0)} MB`,
    note,
  });

line('baseline: naive, 1/10 of the data', naive, 'timeline.list of 10k conversations + JS; its CPU time ×10 is the "vs naive" unit');
line('repliesByAgent, a year', await repeated(() => analytics.repliesByAgent(ws, year)), 'every reply of the year (index range)');
line('repliesByAgent, a month, one inbox', await repeated(() => analytics.repliesByAgent(ws, { from: year.from, to: year.from + MONTH, inboxIds: ['inbox_3'] })), 'index range');
line('responseTimes by inbox, a year', await repeated(() => analytics.responseTimes(ws, { ...year, groupBy: 'inbox' })), 'one pass over the conversations, facts kept on write');
line('responseTimes by channel, a year', await repeated(() => analytics.responseTimes(ws, { ...year, groupBy: 'channel' })), 'one pass over the conversations');
line('responseTimes by team, a month', await repeated(() => analytics.responseTimes(ws, { from: year.from, to: year.from + MONTH, groupBy: 'team' })), 'conversations with a reply in it (index range)');
line('responseTimes by agent, business hours', await repeated(() => api.analytics.responseTimes({ ...year, groupBy: 'agent', businessHours: true })), '50 agents’ hours in 5 zones, via ws.analytics');
line('volume by day (Oslo), a year', await repeated(() => api.analytics.volume({ ...year, interval: 'day', timeZone: 'Europe/Oslo' })), '365 buckets × 3 channel types');
line('volume by hour (New York), a month', await repeated(() => api.analytics.volume({ from: year.from, to: year.from + MONTH, interval: 'hour', timeZone: 'America/New_York' })), '744 buckets');
line(
  'exportConversations → CSV, a year',
  await once(async () => {
    let bytes = 0;
    for await (const csvLine of toCsv(api.analytics.exportConversations({ ...year, pageSize: 1000 }), conversationExportColumns)) bytes += csvLine.length;
    return bytes;
  }),
  '100k rows streamed in pages of 1000',
);
printTable('analytics (memory store, 1M timeline items / 100k conversations)', rows);
console.log(`load average ${loadavg().map((l) => fmt(l, 2)).join(', ')} (1, 5, 15 min), ${fmt(naiveFull / 1000, 1)} s CPU is the "vs naive" unit`);
