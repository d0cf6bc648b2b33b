import pg from 'pg';
import { mapError } from '../errors.js';
import { StatementNames } from './prepared-statements.js';
import { inTransaction, toQueryable } from './queryable.js';
import { reconnectingListener } from './reconnecting-listener.js';
import type { Driver, ListenOptions, Queryable } from './types.js';
import { listenerSet } from './listeners.js';
import { retryOnConflict } from './retry.js';
import { transactionGuard } from './transaction-guard.js';

/** How the pool came to be: given by the host (never closed here) or created here. */
export interface PoolSource {
  pool: pg.Pool;
  owned: boolean;
  /** How many distinct statements run prepared (`StatementNames`); 0: none. */
  preparedStatements: number;
}

/**
 * A driver over a `pg.Pool`. Transactions check out one client for BEGIN…COMMIT. LISTEN
 * uses a dedicated `pg.Client` built from the pool's own connection options (a pooled
 * client would be handed to other callers and lose its LISTEN), closed on `close()`.
 */
export function poolDriver({ pool, owned, preparedStatements }: PoolSource): Driver {
  const listeners = listenerSet();
  const guard = transactionGuard();
  const names = new StatementNames(preparedStatements);
  const outside = toQueryable(names.over(pool), (sql) => pool.query(sql));

  const once = async <T>(fn: (db: Queryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect().catch((error: unknown) => {
      throw mapError(error);
    });
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      return await guard.run(() => inTransaction(toQueryable(names.over(client), (sql) => client.query(sql)), fn));
    } finally {
      client.off('error', onError);
      // A client whose connection failed must not go back to the pool.
      client.release(broken);
    }
  };

  return {
    kind: 'pg',
    db: {
      // A single statement is its own transaction: a deadlock it lost is retried like one.
      async query(sql, params) {
        guard.refuse('use the storage directly');
        return retryOnConflict(() => outside.query(sql, params));
      },
      async exec(sql) {
        guard.refuse('use the storage directly');
        return outside.exec(sql);
      },
    },

    async transaction(fn) {
      guard.refuse('start a transaction');
      return retryOnConflict(() => once(fn));
    },

    async listen(options: ListenOptions) {
      return listeners.track(await reconnectingListener(() => new pg.Client(pool.options), options));
    },

    async close() {
      await listeners.stopAll();
      if (owned) await pool.end();
    },
  };
}
