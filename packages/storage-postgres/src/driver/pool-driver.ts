import pg from 'pg';
import { mapError } from '../errors.js';
import { inTransaction, toQueryable } from './queryable.js';
import { reconnectingListener } from './reconnecting-listener.js';
import type { Driver, ListenOptions } from './types.js';
import { listenerSet } from './listeners.js';

/** How the pool came to be: given by the host (never closed here) or created here. */
export interface PoolSource {
  pool: pg.Pool;
  owned: boolean;
}

/**
 * A driver over a `pg.Pool`. Transactions check out one client for BEGIN…COMMIT. LISTEN
 * uses a dedicated `pg.Client` built from the pool's own connection options (a pooled
 * client would be handed to other callers and lose its LISTEN), closed on `close()`.
 */
export function poolDriver({ pool, owned }: PoolSource): Driver {
  const listeners = listenerSet();

  return {
    kind: 'pg',
    db: toQueryable(pool, (sql) => pool.query(sql)),

    async transaction(fn) {
      const client = await pool.connect().catch((error: unknown) => {
        throw mapError(error);
      });
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        return await inTransaction(
          toQueryable(client, (sql) => client.query(sql)),
          fn,
        );
      } finally {
        client.off('error', onError);
        // A client whose connection failed must not go back to the pool.
        client.release(broken);
      }
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
