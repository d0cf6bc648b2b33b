/**
 * `conversations.search` on the memory store as the data grows: p50 / p99 of typical queries
 * at 10k, 100k and 1M messages (10 per conversation, Zipf-distributed words), each size's
 * growth over the 10k baseline measured in the same run. Part of `npm run bench -w
 * @inboxkit/storage-memory`; alone: `node --max-old-space-size=16384 --import tsx bench/search.bench.ts [maxMessages]`.
 */
import { parseSearchQuery, type Storage } from '@inboxkit/core';
import { corpusQueries as queries, searchCorpus, type CorpusConversation, type CorpusQuery } from '@inboxkit/storage-testkit';
import { memoryStorage } from '../src/index.js';
import { fmt, percentile, printTable } from './table.js';

const maxMessages = Number(process.argv[2] ?? 1_000_000);
const sizes = [10_000, 100_000, 1_000_000].filter((size) => size <= maxMessages);
const REPS = 200;

/** Inserts the corpus through the Storage API, 100 conversations per transaction (an ingest backlog). */
async function seed(storage: Storage, messages: number): Promise<number> {
  const started = performance.now();
  const batch: CorpusConversation[] = [];
  const flush = () =>
    storage.transaction(async (tx) => {
      for (const { contact, conversation, messages: items } of batch.splice(0)) {
        if (contact) await tx.contacts.insert(contact);
        await tx.conversations.insert(conversation);
        for (const item of items) await tx.timeline.insert(item);
      }
    });
  for (const entry of searchCorpus({ workspaceId: 'ws_bench', messages })) if (batch.push(entry) === 100) await flush();
  await flush();
  return (performance.now() - started) / 1000;
}

/** Milliseconds of CPU this process used since `since` (immune to waiting for a core on a shared machine). */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Wall and CPU p50 / p99 (ms) of the first page (20 hits) of a query, and how many conversations match. */
async function measure(storage: Storage, query: CorpusQuery) {
  const match = parseSearchQuery(query.text);
  const search = (limit: number, cursor: string | null = null) =>
    storage.search!.conversations('ws_bench', { ...query.filter, match, limit, cursor });
  for (let i = 0; i < 20; i++) await search(20); // warm-up: JIT, caches
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const [started, startedCpu] = [performance.now(), process.cpuUsage()];
    await search(20);
    cpu.push(cpuMs(startedCpu));
    wall.push(performance.now() - started);
  }
  [wall, cpu].forEach((times) => times.sort((a, b) => a - b));
  let matches = 0;
  for (let page = await search(10_000); ; page = await search(10_000, page.nextCursor)) {
    matches += page.items.length;
    if (!page.nextCursor) break;
  }
  return { p50: percentile(wall, 50), p99: percentile(wall, 99), cpuP99: percentile(cpu, 99), matches };
}

const results = new Map<number, Awaited<ReturnType<typeof measure>>[]>();
for (const size of sizes) {
  const storage = memoryStorage();
  const seconds = await seed(storage, size);
  console.log(`${size} messages seeded in ${fmt(seconds)} s; heap ${fmt(process.memoryUsage().heapUsed / 1e6, 0)} MB`);
  const row = [];
  for (const query of queries) row.push(await measure(storage, query));
  results.set(size, row);
}

const baseline = results.get(sizes[0]!)!;
printTable(
  `search, first page of 20 (${REPS} runs each; growth = p99 over the p99 at ${sizes[0]} messages, the baseline of this run)`,
  queries.flatMap((query, q) =>
    sizes.map((size) => {
      const m = results.get(size)![q]!;
      const base = baseline[q]!;
      return {
        query: query.name,
        messages: size,
        matches: m.matches,
        'p50 ms': fmt(m.p50, 3),
        'p99 ms': fmt(m.p99, 3),
        growth: `${fmt(m.p99 / base.p99, 1)}×`,
        'cpu p99 ms': fmt(m.cpuP99, 3),
        'cpu growth': `${fmt(m.cpuP99 / Math.max(base.cpuP99, 0.001), 1)}×`,
      };
    }),
  ),
);
