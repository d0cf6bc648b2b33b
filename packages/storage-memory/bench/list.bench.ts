// `npm run bench:list` (storage-memory): conversations.list p99 at 10k vs 1M conversations
// (issue #14). Each scale lives in its own child process, so each has its own heap (and GC),
// and the parent runs them in interleaved rounds, so a load spike on the shared machine lands on
// both scales instead of deciding the ratio. Scales: BENCH_SCALES (default 10000,1000000).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fmt, percentile, printTable } from './table.js';
import { runChild, SHAPES, type RoundResult, type Sample } from './list-child.js';

const SCALES = (process.env.BENCH_SCALES ?? '10000,1000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);

/** A child process holding one scale's store; `ask` sends a command and awaits its JSON line. */
function startChild(scale: number) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), `--child=${scale}`],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async <T>(command: string): Promise<T> => {
    child.stdin.write(`${command}\n`);
    const line = await lines.next();
    if (line.done) throw new Error(`the ${scale} child exited`);
    return JSON.parse(line.value) as T;
  };
  return { scale, ask, stop: () => child.stdin.end() };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const p99 = (values: number[]) => percentile(sorted(values), 99);
const median = (values: number[]) => percentile(sorted(values), 50);

async function main(): Promise<void> {
  const children = SCALES.map(startChild);
  const ready = await Promise.all(children.map((c) => c.ask<{ seedMs: number; heapMb: number }>('seed')));
  // rounds[k][r][j]: scale k's samples of shape j in round r.
  const rounds = children.map((): Sample[][][] => []);
  const gc = children.map(() => ({ ms: 0, max: 0, calls: 0 }));
  const load: number[] = [loadavg()[0]!];
  for (let round = 0; round < ROUNDS; round++) {
    const order = children.map((_, k) => k);
    if (round % 2 === 1) order.reverse();
    for (const k of order) {
      const result = await children[k]!.ask<RoundResult>('round');
      // The first round warms up (JIT, caches) and is not counted.
      if (round === 0) continue;
      rounds[k]!.push(result.samples);
      gc[k]!.ms += result.gcMs;
      gc[k]!.max = Math.max(gc[k]!.max, result.gcMaxMs);
      gc[k]!.calls += result.samples.flat().length;
    }
    load.push(loadavg()[0]!);
  }
  for (const child of children) child.stop();
  const base = SCALES[0]!.toLocaleString('en');
  const pooled = (k: number, j: number, part: 0 | 1) => rounds[k]!.flatMap((r) => r[j]!.map((sample) => sample[part]));
  const rows = children.flatMap((child, k) =>
    SHAPES.map((shape, j) => {
      const wall = pooled(k, j, 0);
      // Each round's p99 against the base scale's in the same round: a spike in one round moves one ratio, not the median.
      const perRound = rounds[k]!.map((r, i) => p99(r[j]!.map((x) => x[0])) / p99(rounds[0]![i]![j]!.map((x) => x[0])));
      return {
        conversations: child.scale.toLocaleString('en'), shape: shape.name, calls: wall.length,
        'p50 ms': fmt(median(wall), 3), 'p99 ms': fmt(p99(wall), 3), [`p99 / ${base}`]: fmt(p99(wall) / p99(pooled(0, j, 0)), 2),
        [`median round p99 / ${base}`]: fmt(median(perRound), 2),
        'CPU p99 ms': fmt(p99(pooled(k, j, 1)), 3), [`CPU p99 / ${base}`]: fmt(p99(pooled(k, j, 1)) / p99(pooled(0, j, 1)), 2),
        'GC ms / 1k calls': fmt((gc[k]!.ms / gc[k]!.calls) * 1000, 1), 'max GC ms': fmt(gc[k]!.max, 1),
        'heap MB': fmt(ready[k]!.heapMb, 0), 'seed s': fmt(ready[k]!.seedMs / 1000, 1),
      };
    }),
  );
  printTable(
    `conversations.list on storage-memory: ${ROUNDS - 1} interleaved rounds (+1 warm-up), limit 50; load average ${fmt(Math.min(...load), 2)}–${fmt(Math.max(...load), 2)} (1 min, 2 cores)`,
    rows,
  );
  console.log(`\n${SHAPES.map((s) => `${s.name}: ${s.note}`).join('\n')}`);
  console.log('CPU: the process\'s user+system time during the call (GC threads included), which preemption by other processes does not inflate.');
}

const childArg = process.argv.find((arg) => arg.startsWith('--child='));
await (childArg ? runChild(Number(childArg.slice('--child='.length))) : main());
