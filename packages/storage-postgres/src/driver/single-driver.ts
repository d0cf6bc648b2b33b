import type { Client, Notification } from 'pg';
import { Mutex } from './mutex.js';
import { inTransaction, toQueryable, type RawQuery } from './queryable.js';
import { quoteIdent } from '../schema/tables.js';
import type { Driver, ListenOptions, Queryable } from './types.js';
import { listenerSet } from './listeners.js';
import { retryOnConflict } from './retry.js';
import { transactionGuard } from './transaction-guard.js';

/**
 * The parts of a PGlite instance this store uses, declared here so the package's types do not
 * require `@electric-sql/pglite` to be installed.
 */
export interface PGliteLike extends RawQuery {
  exec(sql: string): Promise<unknown>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  readonly waitReady: Promise<void>;
}

/** Tells a PGlite instance from a `pg.Client` by its shape. */
export function isPGlite(client: unknown): client is PGliteLike {
  const c = client as Partial<PGliteLike> | null;
  return typeof c?.exec === 'function' && typeof c.listen === 'function' && 'waitReady' in (c as object);
}

interface Connection {
  kind: Driver['kind'];
  queryable: Queryable;
  /** LISTENs on this very connection; resolves to UNLISTEN. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

function pgliteConnection(db: PGliteLike): Connection {
  return {
    kind: 'pglite',
    queryable: toQueryable(db, (sql) => db.exec(sql)),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
  };
}

function clientConnection(client: Client): Connection {
  return {
    kind: 'pg',
    queryable: toQueryable(client, (sql) => client.query(sql)),
    async listen(channel, onPayload) {
      const handler = (message: Notification) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${quoteIdent(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
      };
    },
  };
}

/**
 * A driver over one connection the host gave (a `pg.Client` or PGlite). There is no second
 * connection, so a mutex lets one transaction (or one statement) run at a time, and LISTEN
 * shares the connection. The connection belongs to the host: `close()` leaves it open.
 */
export function singleConnectionDriver(client: Client | PGliteLike): Driver {
  const connection = isPGlite(client) ? pgliteConnection(client) : clientConnection(client);
  const { queryable } = connection;
  const mutex = new Mutex();
  const listeners = listenerSet();
  // Inside a transaction the mutex is held until fn ends, so the store used directly there
  // would wait for ever: the guard turns that into the contract's STORAGE error.
  const guard = transactionGuard();
  const outside = async <T>(action: string, task: () => Promise<T>): Promise<T> => {
    guard.refuse(action);
    // Another process on the same database can still deadlock with this connection.
    return retryOnConflict(() => mutex.run(task));
  };

  return {
    kind: connection.kind,
    db: {
      query: (sql, params) => outside('use the storage directly', () => queryable.query(sql, params)),
      exec: (sql) => outside('use the storage directly', () => queryable.exec(sql)),
    },
    transaction: (fn) => outside('start a transaction', () => guard.run(() => inTransaction(queryable, fn))),

    async listen(options: ListenOptions) {
      const unlistens = await mutex.run(async () => {
        const stops: Array<() => Promise<void>> = [];
        for (const channel of options.channels) {
          stops.push(await connection.listen(channel, (payload) => guard.exit(() => options.onNotification(channel, payload))));
        }
        return stops;
      });
      const unlisten = async () => {
        for (const stop of unlistens) await stop();
      };
      // The host owns the connection, so there is no reconnect: it connects exactly once.
      await options.onConnected();
      return listeners.track(() => mutex.run(unlisten));
    },

    async close() {
      await listeners.stopAll();
    },
  };
}
