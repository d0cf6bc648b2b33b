import { StorageError } from '@inboxkit/core';
import { fixtures } from '@inboxkit/storage-testkit';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { describeOnServer } from './helpers/targets.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** How many statements each connection had in flight at once, at most (node-postgres queues the rest with a deprecation warning). */
function trackInFlight(client: pg.PoolClient | pg.Client, peaks: number[]): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let inFlight = 0;
  const slot = peaks.push(0) - 1;
  (client as { query: unknown }).query = async (...args: unknown[]) => {
    peaks[slot] = Math.max(peaks[slot]!, ++inFlight);
    try {
      return await query(...args);
    } finally {
      inFlight--;
    }
  };
}

// The drivers' connection handling on a real server: PGlite has no second connection and no
// pg.Client, so these cases only exist here (the testkit covers the rest on every store).
describeOnServer('transactions and their connection', (database) => {
  it('a store on ONE pg.Client used inside its own transaction throws STORAGE instead of hanging', async () => {
    const { url, schema } = database();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    closers.push(() => client.end());
    const storage = postgresStorage({ client, schema });
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const errors = await storage.transaction(async (tx) => {
      const direct = await storage.workspaces.get(ws.id).catch((error: unknown) => error);
      const nested = await storage.transaction(async () => 1).catch((error: unknown) => error);
      await tx.workspaces.update({ ...ws, name: 'Renamed' });
      return [direct, nested];
    });
    expect(errors.map((e) => StorageError.isInstance(e))).toEqual([true, true]);
    expect((await storage.workspaces.get(ws.id))?.name).toBe('Renamed');
  });

  it('statements a transaction starts in parallel reach its connection one at a time', async () => {
    const { url, schema } = database();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    closers.push(() => pool.end());
    const peaks: number[] = [];
    pool.on('connect', (client) => trackInFlight(client, peaks));
    const storage = postgresStorage({ pool, schema });
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const keys = Array.from({ length: 20 }, (_, n) => `k${n}`);
    await storage.transaction(async (tx) => {
      await Promise.all(keys.map((key, n) => tx.state.put(ws.id, key, n)));
      await Promise.all(keys.map((key) => tx.state.get(ws.id, key)));
    });
    expect(peaks.length).toBeGreaterThan(0);
    expect(Math.max(...peaks), 'statements in flight on one connection').toBe(1);
  });
});
