import type { LeaseStore } from '@inboxkit/core';
import type { StoreContext } from './context.js';

/**
 * Global named leases in one statement each: the upsert takes a free name, renews the
 * holder's own lease, or takes over an expired one, and does nothing otherwise. Row locking
 * on the name makes two processes racing for it see one winner.
 */
export function leaseStore({ db, t }: StoreContext): LeaseStore {
  return {
    async acquire(name, holder, ttlMs, now) {
      const { rowCount } = await db.query(
        `INSERT INTO ${t.leases} AS l (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE l.holder = EXCLUDED.holder OR l.expires_at <= $4`,
        [name, holder, now + ttlMs, now],
      );
      return rowCount > 0;
    },
    async release(name, holder) {
      await db.query(`DELETE FROM ${t.leases} WHERE name = $1 AND holder = $2`, [name, holder]);
    },
  };
}
