/**
 * An ordered set of rows in a plain array: for the many small indexes (one per conversation
 * timeline), where a B+ tree's node objects would outweigh the rows. Rows arrive mostly in
 * order, so `add` is usually a push; elsewhere it is a binary search and a splice, O(n),
 * fine for the hundreds of rows such an index holds. Same contract as `SortedIndex`: rows
 * must never be mutated while indexed.
 */
export class SortedArray<K, T extends K> {
  private items: T[] = [];

  constructor(private readonly compare: (a: K, b: K) => number) {}

  /** Number of rows. */
  get size(): number {
    return this.items.length;
  }

  /** Adds a row (replacing a row that compares equal). */
  add(row: T): void {
    const last = this.items[this.items.length - 1];
    // Most timelines hold one message: a literal holds it in one slot, where a first push
    // reserves seventeen (~130 bytes per conversation, which every scavenge then copies).
    if (last === undefined) {
      this.items = [row];
      return;
    }
    if (this.compare(last, row) < 0) {
      this.items.push(row);
      return;
    }
    const at = this.lowerBound(row);
    const equal = at < this.items.length && this.compare(this.items[at]!, row) === 0;
    this.items.splice(at, equal ? 1 : 0, row);
  }

  /** Removes the row comparing equal to `key`. Returns whether one was there. */
  remove(key: K): boolean {
    const at = this.lowerBound(key);
    if (at === this.items.length || this.compare(this.items[at]!, key) !== 0) return false;
    this.items.splice(at, 1);
    return true;
  }

  /** Every row in order: the index's own array, to read at once and never to change. */
  rows(): readonly T[] {
    return this.items;
  }

  /** Rows in order, starting strictly after `after` (from the first row when omitted). */
  *scan(after?: K): Generator<T, void, undefined> {
    let at = after === undefined ? 0 : this.lowerBound(after);
    if (after !== undefined && at < this.items.length && this.compare(this.items[at]!, after) === 0) at++;
    // A row added or removed during the scan shifts positions: re-find the last one yielded.
    for (let i = at; i < this.items.length; ) {
      const row = this.items[i]!;
      yield row;
      i = this.items[i] === row ? i + 1 : this.position(row);
    }
  }

  /** The position just after `row`'s place. */
  private position(row: K): number {
    const at = this.lowerBound(row);
    return at < this.items.length && this.compare(this.items[at]!, row) === 0 ? at + 1 : at;
  }

  /** The first position whose row does not sort before `key`. */
  private lowerBound(key: K): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(this.items[mid]!, key) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
