/** A row set as both drivers return it. */
export interface QueryResult<R> {
  rows: R[];
  /** Rows inserted, updated or deleted (0 for other statements). */
  rowCount: number;
  /** The command tag (`INSERT`, `COMMIT`, `ROLLBACK`…). */
  command: string;
}

/**
 * One place to send SQL: a pool, a checked-out connection, or PGlite. Every store is written
 * against this, which is what lets the same SQL run on node-postgres and on PGlite.
 */
export interface Queryable {
  /** One statement with `$n` parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A `NOTIFY` received by `LISTEN`: its channel and payload. */
export type NotificationHandler = (channel: string, payload: string) => void;

/** A `LISTEN` on one connection for several channels, surviving reconnects; `onConnected` runs after each (re)connect. */
export interface ListenOptions {
  /** The channels, all LISTENed on one connection. */
  channels: readonly string[];
  onNotification: NotificationHandler;
  /** Called once the `LISTEN` is active, and again after every reconnect (to catch up). */
  onConnected: () => Promise<void>;
  /** Called when the connection fails; the driver retries by itself. */
  onError: (error: unknown) => void;
}

/** A database connection source: how the store reaches Postgres. */
export interface Driver {
  /** `pg` or `pglite`, for the store's name. */
  readonly kind: 'pg' | 'pglite';
  /** Runs one statement outside any transaction. */
  readonly db: Queryable;
  /** Runs `fn` inside BEGIN/COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** Starts listening on the channels; resolves once listening, to a function that stops it. */
  listen(options: ListenOptions): Promise<() => Promise<void>>;
  /** Closes what the driver created (never a pool or client it was given). */
  close(): Promise<void>;
}
