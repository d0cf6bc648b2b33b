import type { AnalyticsStore, BotSessionStore, FollowerStore, InboxEvent, ReadStateStore, SearchStore, Storage, StorageSignal } from '@inboxkit/core';
import pg from 'pg';
import { poolDriver } from './driver/pool-driver.js';
import { singleConnectionDriver } from './driver/single-driver.js';
import type { Driver } from './driver/types.js';
import { EventFeed } from './feed/event-feed.js';
import { NotifyHub } from './feed/notify-hub.js';
import { signalsOver } from './feed/signals.js';
import { parseOptions, type ParsedOptions, type PostgresStorageOptions } from './options.js';
import { migrate } from './schema/migrations.js';
import { tablesIn } from './schema/tables.js';
import { analyticsStore } from './stores/analytics/analytics-store.js';
import type { StoreContext } from './stores/context.js';
import { operationsOver } from './stores/operations.js';
import { SearchDocuments } from './stores/search/documents.js';
import { IndexedInserts } from './stores/search/indexed-inserts.js';
import type { Queryable } from './driver/types.js';

/** A `Storage` on PostgreSQL, plus what only it has. */
export interface PostgresStorage extends Storage {
  /** The schema holding the tables. */
  readonly schema: string;
  /**
   * Creates the schema and applies the shipped migrations it lacks, under an advisory lock
   * (several processes may call it at once). Idempotent. Returns the migrations applied now.
   */
  migrate(): Promise<{ applied: string[] }>;
  /** Cross-process event feed over LISTEN/NOTIFY (capability `subscribe`). */
  subscribe(listener: (event: InboxEvent) => void): Promise<() => Promise<void>>;
  /** Reports computed in SQL (capability `analytics`; needs migration 0002). */
  readonly analytics: AnalyticsStore;
  /** Bot sessions and transitions (capability `bots`; needs migration 0003). */
  readonly bots: BotSessionStore;
  /** Full-text conversation search (capability `search`; needs migration 0005). */
  readonly search: SearchStore;
  /** Per-user read state (capability `reads`; needs migration 0007). */
  readonly reads: ReadStateStore;
  /** Conversation followers (capability `followers`; needs migration 0007). */
  readonly followers: FollowerStore;
  /** Ephemeral signals over `NOTIFY` on their own channel, never stored (capability `signals`). */
  signal(signal: StorageSignal): Promise<void>;
  /** Listens to signals on the store's shared LISTEN connection (capability `signals`). */
  subscribeSignals(listener: (signal: StorageSignal) => void): Promise<() => Promise<void>>;
}

function driverFor(options: ParsedOptions): Driver {
  if (options.client) return singleConnectionDriver(options.client);
  const { preparedStatements } = options;
  if (options.pool) return poolDriver({ pool: options.pool, owned: false, preparedStatements });
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections });
  // An idle pooled connection that dies emits 'error' on the pool; without a handler Node
  // would crash the process. The next checkout simply gets a new connection.
  pool.on('error', (error) => options.logger.warn('[postgres] idle connection failed', { error }));
  return poolDriver({ pool, owned: true, preparedStatements });
}

/**
 * `Storage` on PostgreSQL through node-postgres, or on PGlite (pass it as `client`).
 * Call `await storage.migrate()` once before use (it is safe on every start).
 *
 * @example
 * const storage = postgresStorage({ connectionString: process.env.DATABASE_URL! });
 * await storage.migrate();
 */
export function postgresStorage(options: PostgresStorageOptions): PostgresStorage {
  const parsed = parseOptions(options);
  const { schema, logger } = parsed;
  const driver = driverFor(parsed);
  const t = tablesIn(schema);
  const channel = `ik_ev_${schema}`;
  const signalChannel = `ik_sig_${schema}`;
  // One LISTEN connection for the event feed and for signals.
  const hub = new NotifyHub(driver, [channel, signalChannel]);
  const search = new SearchDocuments(t);
  const outside: StoreContext = { db: driver.db, t, inTransaction: false, channel, search, inserts: new IndexedInserts(t, search), atomic: (fn) => driver.transaction(fn) };
  const inside = (db: Queryable): StoreContext => {
    const txSearch = new SearchDocuments(t, true);
    return { db, t, inTransaction: true, channel, search: txSearch, inserts: new IndexedInserts(t, txSearch), atomic: (inner) => inner(db) };
  };
  const operations = operationsOver(outside);
  const feed = new EventFeed({
    listen: (listener) => hub.listen({ ...listener, channel }),
    logger,
    read: (workspaceId, after, limit) => operations.events.read(workspaceId, { after, limit }),
    async lastSeqs() {
      const { rows } = await driver.db.query<{ workspace_id: string; seq: string | number }>(
        `SELECT workspace_id, seq FROM ${t.eventSeqs}`,
      );
      return new Map(rows.map((row) => [row.workspace_id, Number(row.seq)]));
    },
  });
  let closed: Promise<void> | null = null;

  return {
    specificationVersion: 'v1',
    name: driver.kind === 'pglite' ? 'postgres (pglite)' : 'postgres',
    capabilities: { subscribe: true, analytics: true, bots: true, reads: true, followers: true, signals: true, search: true },
    schema,
    ...operations,
    analytics: analyticsStore(outside),
    transaction: (fn) =>
      driver.transaction((db) => fn(operationsOver(inside(db)))),
    subscribe: (listener) => feed.subscribe(listener),
    ...signalsOver(driver.db, hub, signalChannel, logger),
    migrate: async () => ({ applied: await migrate(driver, schema) }),
    close: () =>
      (closed ??= (async () => {
        await feed.stop();
        await hub.stop();
        await driver.close();
      })()),
  };
}
