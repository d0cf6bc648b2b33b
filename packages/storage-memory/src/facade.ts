import type { StorageOperations } from '@inboxkit/core';

/** A store method, as the facade calls it. */
export type StoreMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Runs one storage call (`method` of `store` with `args`) in some context: a unit of work, a
 * transaction's guard. The method and its arguments come apart, not as a closure: calls
 * are the hot path of every transaction, and a closure per call was garbage per call.
 */
export type AroundCall = (method: StoreMethod, store: object, args: unknown[]) => Promise<unknown>;

type Group = keyof StorageOperations;

/** A store's methods by name, listed once per store: a view then only makes its closures. */
type Methods = ReadonlyArray<readonly [name: string, method: StoreMethod]>;

function methodsOf(store: object): Methods {
  return Object.entries(store).filter((entry): entry is [string, StoreMethod] => typeof entry[1] === 'function');
}

function route<S extends object>(store: S, methods: Methods, around: AroundCall): S {
  const routed: Record<string, unknown> = {};
  for (const [name, method] of methods) routed[name] = (...args: unknown[]) => around(method, store, args);
  // Same methods, same signatures (generic ones included): only the calling context changed.
  return Object.freeze(routed) as S;
}

/** Returns `store` with every method routed through `around` (for groups outside `StorageOperations`, e.g. analytics). */
export function routeStore<S extends object>(store: S, around: AroundCall): S {
  return route(store, methodsOf(store), around);
}

/**
 * Routes the stores of `operations` through a context per view. The stores are written once;
 * the outer storage and each transaction's `tx` object are views of them that differ only in
 * how a call is run.
 */
export class OperationsRouter {
  private readonly methods = new Map<Group, Methods>();

  constructor(private readonly operations: StorageOperations) {}

  /** Every group routed through `around` at once, as own properties (the storage object spreads them). */
  routeAll(around: AroundCall): StorageOperations {
    const groups = Object.keys(this.operations) as Group[];
    return Object.fromEntries(groups.map((group) => [group, this.has(group) ? this.route(group, around) : undefined])) as unknown as StorageOperations;
  }

  /**
   * A view whose groups are routed the first time each is used: a transaction touches a few
   * stores, and routing all of them for each one was a measurable share of a small transaction.
   */
  view(around: AroundCall): StorageOperations {
    return new LazyOperations(this, around) as unknown as StorageOperations;
  }

  /** Whether the optional group exists. */
  has(group: Group): boolean {
    return this.operations[group] !== undefined;
  }

  /** `group`'s store with every method routed through `around`. */
  route<G extends Group>(group: G, around: AroundCall): NonNullable<StorageOperations[G]> {
    const store = this.operations[group] as NonNullable<StorageOperations[G]>;
    let methods = this.methods.get(group);
    if (!methods) this.methods.set(group, (methods = methodsOf(store)));
    return route(store, methods, around);
  }
}

const GROUPS = ['workspaces', 'records', 'contacts', 'conversations', 'timeline', 'events', 'state', 'addresses', 'leases', 'bots', 'reads', 'followers', 'search'] as const satisfies readonly Group[];

/**
 * A transaction's `tx`. Its groups are own enumerable getters (wrappers spread `tx`), and every
 * view shares the same getter functions: an object literal's getters were thirteen new closures
 * per transaction, and freezing it left each `tx` in dictionary mode with a hidden class of its
 * own, so the reads of `tx.<group>` in core could not stay monomorphic (one-by-one ingest runs a
 * transaction per message; this took it from about 7.1k to 10k messages per CPU second).
 */
class LazyOperations {
  static readonly #getters: PropertyDescriptorMap = {};
  static {
    // Views by the group's position: one getter literal serves every group, and a keyed read
    // of `#views[group]` with thirteen different names was a megamorphic load on every access.
    GROUPS.forEach((group, at) => {
      LazyOperations.#getters[group] = {
        enumerable: true,
        get(this: LazyOperations) {
          return (this.#views[at] ??= this.#router.has(group) ? this.#router.route(group, this.#around) : undefined);
        },
      };
    });
  }

  readonly #router: OperationsRouter;
  readonly #around: AroundCall;
  readonly #views: (object | undefined)[] = [];

  constructor(router: OperationsRouter, around: AroundCall) {
    this.#router = router;
    this.#around = around;
    Object.defineProperties(this, LazyOperations.#getters);
    Object.freeze(this);
  }
}
