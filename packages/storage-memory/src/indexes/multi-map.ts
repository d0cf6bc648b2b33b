/**
 * A map from a key to several values, for lookups by fields that are not unique. Most keys
 * have one value (an external id is nearly always unique): that value is stored as it is,
 * and a `Set` is made only for a second one, which keeps an object per entry off the heap
 * (so values must not themselves be `Set`s).
 */
export class MultiMap<K, V> {
  private readonly map = new Map<K, V | Set<V>>();

  /** Adds `value` under `key`. */
  add(key: K, value: V): void {
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, value);
    else if (held instanceof Set) held.add(value);
    else if (held !== value) this.map.set(key, new Set([held, value]));
  }

  /** Removes `value` from under `key` (the key goes when it has no values left). */
  remove(key: K, value: V): void {
    const held = this.map.get(key);
    if (held === value) this.map.delete(key);
    else if (held instanceof Set && held.delete(value) && held.size === 0) this.map.delete(key);
  }

  /** The values under `key` (empty when none). */
  get(key: K): Iterable<V> {
    const held = this.map.get(key);
    if (held === undefined) return EMPTY;
    return held instanceof Set ? held : [held];
  }
}

const EMPTY: readonly never[] = [];
