import type pg from 'pg';
import { postgresStorage } from '../src/index.js';
import { startChild, stopChild } from '../test/helpers/processes.js';
import { fmt, percentile, type Row } from './stats.js';

const SAMPLES = 200;

/**
 * Event fan-out between two processes: this process appends one event at a time; a separate
 * subscriber process (LISTEN/NOTIFY + catch-up read) stamps when its listener got it. Latency
 * is append call → listener in the other process (both stamps from the same machine clock).
 */
export async function fanoutLatency(pool: pg.Pool, url: string): Promise<Row[]> {
  const schema = 'bench_fanout';
  const storage = postgresStorage({ pool, schema });
  await storage.migrate();
  const ws = 'ws_fanout';
  await storage.workspaces.insert({ id: ws, name: 'Fan-out', createdAt: 0, updatedAt: 0 });
  const subscriber = startChild('subscriber.ts', [url, schema]);
  try {
    await subscriber.next('ready');
    const latencies: number[] = [];
    const appendMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const id = `ev_fanout_${i}`;
      const sentAt = performance.timeOrigin + performance.now();
      await storage.events.append(ws, [{ id, type: 'workspace.created', workspaceId: ws, at: Date.now(), data: { name: 'x' } }]);
      appendMs.push(performance.timeOrigin + performance.now() - sentAt);
      await subscriber.waitFor((m) => m.some((x) => x.id === id), `event ${id}`);
      const received = subscriber.messages.find((x) => x.id === id)!;
      latencies.push(Number(received.receivedAt) - sentAt);
    }
    const note = `${SAMPLES} events, one at a time`;
    return [
      { section: 'event fan-out', measure: 'append (commit) in process A', value: `p50 ${fmt(percentile(appendMs, 50))} ms / p99 ${fmt(percentile(appendMs, 99))} ms`, note },
      { section: 'event fan-out', measure: 'append → listener in process B', value: `p50 ${fmt(percentile(latencies, 50))} ms / p99 ${fmt(percentile(latencies, 99))} ms`, note },
    ];
  } finally {
    await stopChild(subscriber);
    await storage.close();
  }
}
