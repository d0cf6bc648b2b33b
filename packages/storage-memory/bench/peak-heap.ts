import v8 from 'node:v8';

/**
 * Runs `work` and returns its time, the CPU time the process spent meanwhile (user + system,
 * GC threads included: on a shared machine it moves less than wall time), and the most heap it
 * had in use above the level at the start (MB). The memory store computes reports
 * synchronously, so nothing can sample during one; V8's GC profiler records the heap before
 * every collection instead, which is when it is fullest.
 * Run with `--expose-gc` so each measure starts from a collected, swept heap.
 */
export async function measureHeap(work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; peakMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  // V8 sweeps the collected heap after `gc()` returns, on helper threads and, lazily, on the
  // next allocations: over a heap of a GB that is a few hundred ms of CPU the measure would
  // charge to `work`. Idling a moment lets it finish first.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const base = process.memoryUsage().heapUsed;
  const profiler = new v8.GCProfiler();
  profiler.start();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  const end = process.memoryUsage().heapUsed;
  const collections = profiler.stop()?.statistics ?? [];
  const peak = Math.max(end, ...collections.map((gc) => gc.beforeGC.heapStatistics.usedHeapSize));
  return { ms, cpuMs: (user + system) / 1000, peakMb: Math.max(0, peak - base) / 1e6 };
}
