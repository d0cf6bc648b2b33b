import { AsyncLocalStorage } from 'node:async_hooks';
import { StorageError } from '@inboxkit/core';
import { PREFIX } from '../errors.js';

/**
 * Tells whether a call comes from inside a running `transaction(fn)`. Using the store itself
 * (not `tx`) there would wait for a connection the transaction holds (one connection: for
 * ever) or commit outside it (a pool); either way it is a mistake, so it fails fast as the
 * contract says, on every driver alike.
 */
export function transactionGuard() {
  const inside = new AsyncLocalStorage<true>();
  return {
    /** Runs `fn` marked as inside a transaction. */
    run<T>(fn: () => Promise<T>): Promise<T> {
      return inside.run(true, fn);
    },
    /**
     * Runs `fn` as outside any transaction. For callbacks a connection fires from inside
     * one (PGlite delivers NOTIFY while the notifying COMMIT runs): they are not part of it.
     */
    exit<T>(fn: () => T): T {
      return inside.exit(fn);
    },
    /** Throws `STORAGE` when called from inside a transaction's `fn`. */
    refuse(action: string): void {
      if (inside.getStore()) {
        throw new StorageError(
          `${PREFIX} cannot ${action} inside transaction(fn): use the tx object passed to fn (transactions do not nest)`,
        );
      }
    },
  };
}
