import type { StorageOperations } from '@inboxkit/core';

/** Runs one storage call in some context (a unit of work, a transaction's guard). */
export type AroundCall = <R>(call: () => Promise<R>) => Promise<R>;

/**
 * Returns `operations` with every method of every store routed through `around`. The
 * stores are written once; the outer storage and each transaction's `tx` object are
 * views of them that differ only in how a call is run.
 */
export function routeOperations(operations: StorageOperations, around: AroundCall): StorageOperations {
  return Object.freeze({
    workspaces: routeStore(operations.workspaces, around),
    records: routeStore(operations.records, around),
    contacts: routeStore(operations.contacts, around),
    conversations: routeStore(operations.conversations, around),
    timeline: routeStore(operations.timeline, around),
    events: routeStore(operations.events, around),
    state: routeStore(operations.state, around),
    addresses: routeStore(operations.addresses, around),
    leases: routeStore(operations.leases, around),
    ...(operations.bots ? { bots: routeStore(operations.bots, around) } : {}),
    ...(operations.reads ? { reads: routeStore(operations.reads, around) } : {}),
    ...(operations.followers ? { followers: routeStore(operations.followers, around) } : {}),
  });
}

/** Returns `store` with every method routed through `around` (for groups outside `StorageOperations`, e.g. analytics). */
export function routeStore<S extends object>(store: S, around: AroundCall): S {
  const routed: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') continue;
    routed[name] = (...args: unknown[]) => around(() => (method as (...a: unknown[]) => Promise<unknown>).apply(store, args));
  }
  // Same methods, same signatures (generic ones included): only the calling context changed.
  return Object.freeze(routed) as S;
}
