/** Keeps the items `keep` accepts, lazily. */
export function* filterRows<T>(rows: Iterable<T>, keep: (row: T) => boolean): Generator<T, void, undefined> {
  for (const row of rows) if (keep(row)) yield row;
}

const DONE = Symbol('done');

/**
 * Merges sources that are each sorted by `compare` into one sorted stream, lazily.
 * Picks the smallest head by a linear scan: sources are few (a query's inboxes or
 * statuses), so a heap would not pay for itself. Callers merge disjoint sources, or drop
 * the (then adjacent) repeats themselves.
 */
export function* mergeSorted<T>(sources: Iterable<T>[], compare: (a: T, b: T) => number): Generator<T, void, undefined> {
  const iterators = sources.map((source) => source[Symbol.iterator]());
  const pull = (i: number): T | typeof DONE => {
    const result = iterators[i]!.next();
    return result.done ? DONE : result.value;
  };
  const heads = iterators.map((_, i) => pull(i));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i]!;
      if (head === DONE) continue;
      const leader = best === -1 ? DONE : heads[best]!;
      if (leader === DONE || compare(head, leader) < 0) best = i;
    }
    if (best === -1) return;
    yield heads[best] as T;
    heads[best] = pull(best);
  }
}

/** Yields items until `keep` rejects one. */
export function* takeWhile<T>(rows: Iterable<T>, keep: (row: T) => boolean): Generator<T, void, undefined> {
  for (const row of rows) {
    if (!keep(row)) return;
    yield row;
  }
}
