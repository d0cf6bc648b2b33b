/**
 * Each analytics report over 1M timeline items / 100k conversations in the memory store: time
 * (median of 3 runs) and peak heap in use above the level before the report, next to a baseline
 * measured in the same run: the naive way through the public Storage API (read every
 * conversation's timeline with `timeline.list`, compute waits in JS) on a tenth of the data.
 * Part of `npm run bench -w @inboxkit/storage-memory`; alone:
 * `node --expose-gc --max-old-space-size=16384 --import tsx bench/analytics.bench.ts`.
 */
import { conversationExportColumns, createInboxKit, durationStats, timelineFacts, toCsv, type TimelineItem } from '@inboxkit/core';
import { memoryStorage } from '../src/index.js';
import { SHAPE, seedAnalytics } from './analytics-seed.js';
import { measureHeap } from './peak-heap.js';
import { fmt, printTable } from './table.js';

const RUNS = 3;
const MONTH = 31 * 86_400_000;
const year = { from: SHAPE.start, to: SHAPE.start + SHAPE.span };
const ws = SHAPE.workspaceId;

const storage = memoryStorage();
const seedMs = await seedAnalytics(storage);
console.log(`seeded ${SHAPE.conversations} conversations and ${SHAPE.conversations * SHAPE.itemsPerConversation} timeline items in ${fmt(seedMs / 1000)} s (through the Storage API)`);
console.log(`heap used ${fmt(process.memoryUsage().heapUsed / 1e6, 0)} MB, rss ${fmt(process.memoryUsage.rss() / 1e6, 0)} MB`);

/** Median time and largest peak of `RUNS` runs. */
async function repeated(work: () => Promise<unknown>): Promise<{ ms: number; peakMb: number }> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measureHeap(work));
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)]!, peakMb: Math.max(...runs.map((r) => r.peakMb)) };
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
const naive = await measureHeap(naiveTenth);
const naiveFull = naive.ms * 10;
const rows: Record<string, string>[] = [];
const line = (report: string, m: { ms: number; peakMb: number }, note: string) =>
  rows.push({ report, time: `${fmt(m.ms, 0)} ms`, 'vs naive': `${fmt(m.ms / naiveFull, 3)}×`, 'peak heap': `+${fmt(m.peakMb, 0)} MB`, note });

line('baseline: naive, 1/10 of the data', naive, `timeline.list of 10k conversations + JS; ×10 ≈ ${fmt(naiveFull / 1000, 1)} s is the "vs naive" unit`);
line('repliesByAgent, a year', await repeated(() => analytics.repliesByAgent(ws, year)), 'every reply of the year (index range)');
line('repliesByAgent, a month, one inbox', await repeated(() => analytics.repliesByAgent(ws, { from: year.from, to: year.from + MONTH, inboxIds: ['inbox_3'] })), 'index range');
line('responseTimes by inbox, a year', await repeated(() => analytics.responseTimes(ws, { ...year, groupBy: 'inbox' })), 'every timeline walked once');
line('responseTimes by agent, business hours', await repeated(() => api.analytics.responseTimes({ ...year, groupBy: 'agent', businessHours: true })), '50 agents’ hours in 5 zones, via ws.analytics');
line('volume by day (Oslo), a year', await repeated(() => api.analytics.volume({ ...year, interval: 'day', timeZone: 'Europe/Oslo' })), '365 buckets × 3 channel types');
line('volume by hour (New York), a month', await repeated(() => api.analytics.volume({ from: year.from, to: year.from + MONTH, interval: 'hour', timeZone: 'America/New_York' })), '744 buckets');
line(
  'exportConversations → CSV, a year',
  await measureHeap(async () => {
    let bytes = 0;
    for await (const csvLine of toCsv(api.analytics.exportConversations({ ...year, pageSize: 1000 }), conversationExportColumns)) bytes += csvLine.length;
    return bytes;
  }),
  '100k rows streamed in pages of 1000',
);
printTable('analytics (memory store, 1M timeline items / 100k conversations)', rows);
