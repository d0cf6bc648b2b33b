/** A map from a key to several values, for lookups by fields that are not unique. */
export class MultiMap<K, V> {
  private readonly map = new Map<K, Set<V>>();

  /** Adds `value` under `key`. */
  add(key: K, value: V): void {
    let values = this.map.get(key);
    if (!values) this.map.set(key, (values = new Set()));
    values.add(value);
  }

  /** Removes `value` from under `key` (the key goes when it has no values left). */
  remove(key: K, value: V): void {
    const values = this.map.get(key);
    if (values?.delete(value) && values.size === 0) this.map.delete(key);
  }

  /** The values under `key` (empty when none). */
  get(key: K): ReadonlySet<V> {
    return this.map.get(key) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<never> = new Set();
