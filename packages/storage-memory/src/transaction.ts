import { AsyncLocalStorage } from 'node:async_hooks';
import { StorageError } from '@inboxkit/core';
import { Journal } from './journal.js';
import { Mutex } from './mutex.js';
import type { StoreMethod } from './facade.js';

/** One transaction: its journal, whether its `tx` object may still be used, and its first failure. */
export interface TransactionScope {
  active: boolean;
  readonly journal: Journal;
  failure?: { readonly error: unknown };
  /** Notes a call's failure and rethrows it: one function per transaction, not one per call. */
  readonly fail: (error: unknown) => never;
}

function newScope(): TransactionScope {
  const scope: TransactionScope = {
    active: true,
    journal: new Journal(),
    fail(error) {
      scope.failure = { error };
      throw error;
    },
  };
  return scope;
}

/**
 * Runs every unit of work (a transaction, or one call made outside a transaction) one at
 * a time through a FIFO mutex, each with its own undo journal. Serializing everything is
 * what makes the memory store's transactions isolated: no other unit can see or interleave
 * with a transaction's writes, so `lock: true` reads need no locks of their own.
 */
export class TransactionRunner {
  private readonly mutex = new Mutex();
  /** Lets a call tell whether it comes from inside a running transaction's `fn`. */
  private readonly scopes = new AsyncLocalStorage<TransactionScope>();
  private current: Journal | undefined;

  /** `onCommit` runs synchronously right after a unit commits (event delivery). */
  constructor(private readonly onCommit: (journal: Journal) => void) {}

  /** The journal of the unit in progress; stores record their writes in it. */
  journal(): Journal {
    if (!this.current) throw new StorageError('[memory] storage operation ran outside a unit of work');
    return this.current;
  }

  /** Runs a call made outside a transaction as its own atomic unit. */
  async autocommit<R>(call: () => Promise<R>): Promise<R> {
    this.refuseInsideTransaction('use the storage directly');
    return this.mutex.run(() => this.unit(new Journal(), call));
  }

  /** Runs `fn` as one transaction: it commits when `fn` resolves, and rolls back when it throws. */
  async transaction<T>(fn: (scope: TransactionScope) => Promise<T>): Promise<T> {
    this.refuseInsideTransaction('start a transaction');
    return this.mutex.run(() => {
      const scope = newScope();
      return this.unit(scope.journal, () => this.runFn(scope, fn), scope);
    });
  }

  /**
   * Runs one call made through a transaction's `tx` object. A failed call leaves the
   * transaction unusable, as a failed statement does in SQL stores: `fn` must let the error
   * propagate. Enforcing it here makes code that swallows the error fail in fast memory-store
   * tests, not only against Postgres.
   */
  inTransaction(scope: TransactionScope, method: StoreMethod, store: object, args: unknown[]): Promise<unknown> {
    if (!scope.active) {
      return Promise.reject(new StorageError('[memory] this transaction has finished; its tx object can no longer be used'));
    }
    if (scope.failure) {
      return Promise.reject(
        new StorageError('[memory] an earlier call in this transaction failed; let its error propagate out of fn', { cause: scope.failure.error }),
      );
    }
    let result: Promise<unknown>;
    try {
      result = method.apply(store, args);
    } catch (error) {
      // Store methods are async; one that threw synchronously still fails the transaction.
      scope.failure = { error };
      return Promise.reject(error);
    }
    return result.then(undefined, scope.fail);
  }

  private async runFn<T>(scope: TransactionScope, fn: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const result = await this.scopes.run(scope, () => fn(scope));
    if (scope.failure) {
      throw new StorageError('[memory] transaction fn resolved although one of its calls failed; it was rolled back', {
        cause: scope.failure.error,
      });
    }
    return result;
  }

  private async unit<R>(journal: Journal, call: () => Promise<R>, scope?: TransactionScope): Promise<R> {
    this.current = journal;
    let result: R;
    try {
      result = await call();
    } catch (error) {
      journal.rollback();
      throw error;
    } finally {
      this.current = undefined;
      if (scope) scope.active = false;
    }
    this.onCommit(journal);
    return result;
  }

  /**
   * Inside `fn`, the outer storage would wait for the running transaction, which waits for
   * `fn`: a deadlock. Failing fast names the mistake instead.
   */
  private refuseInsideTransaction(action: string): void {
    if (this.scopes.getStore()?.active) {
      throw new StorageError(
        `[memory] cannot ${action} inside transaction(fn): use the tx object passed to fn (transactions do not nest)`,
      );
    }
  }
}
