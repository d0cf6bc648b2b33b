import type { StorageOperations } from '@inboxkit/core';

/** A store method, as the facade calls it. */
export type StoreMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Runs one storage call (`method` of `store` with `args`) in some context: a unit of work, a
 * transaction's guard. The method and its arguments come apart, not as a closure: calls
 * are the hot path of every transaction, and a closure per call was garbage per call.
 */
export type AroundCall = (method: StoreMethod, store: object, args: unknown[]) => Promise<unknown>;

/**
 * Returns `operations` with every method of every store routed through `around`. The
 * stores are written once; the outer storage and each transaction's `tx` object are
 * views of them that differ only in how a call is run. A store's view is built the first
 * time it is used: a transaction touches a few stores, and building all of them for each
 * one was a measurable share of a small transaction.
 */
export function routeOperations(operations: StorageOperations, around: AroundCall): StorageOperations {
  const views: Partial<Record<keyof StorageOperations, object>> = {};
  const view = <G extends keyof StorageOperations>(group: G) =>
    (views[group] ??= routeStore(operations[group] as object, around)) as StorageOperations[G];
  // Getters in a literal keep one object shape for every view; `defineProperty` would not.
  return Object.freeze({
    get workspaces() { return view('workspaces'); },
    get records() { return view('records'); },
    get contacts() { return view('contacts'); },
    get conversations() { return view('conversations'); },
    get timeline() { return view('timeline'); },
    get events() { return view('events'); },
    get state() { return view('state'); },
    get addresses() { return view('addresses'); },
    get leases() { return view('leases'); },
    get bots() { return operations.bots ? view('bots') : undefined; },
    get reads() { return operations.reads ? view('reads') : undefined; },
    get followers() { return operations.followers ? view('followers') : undefined; },
    get search() { return operations.search ? view('search') : undefined; },
  });
}

/** Returns `store` with every method routed through `around` (for groups outside `StorageOperations`, e.g. analytics). */
export function routeStore<S extends object>(store: S, around: AroundCall): S {
  const routed: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') continue;
    routed[name] = (...args: unknown[]) => around(method as StoreMethod, store, args);
  }
  // Same methods, same signatures (generic ones included): only the calling context changed.
  return Object.freeze(routed) as S;
}
