import { BTree } from './btree.js';
import type { BTree as Tree } from './btree.js';

/**
 * Keys per tree node. Twice the library's default: a level less at a million rows, so fewer
 * comparisons per insert (ingest writes several indexes per message), at no cost to scans.
 */
const NODE_SIZE = 64;

/**
 * An ordered set of rows backed by a B+ tree. The rows themselves are the tree keys
 * (`comparator` reads their sort fields), so an index costs one pointer per row and no
 * key objects. `K` is the part of a row the comparator reads: a probe of that shape
 * positions a scan (e.g. at a cursor) without a whole row.
 *
 * Rows must never be mutated while indexed: stores replace rows, they don't edit them.
 */
export class SortedIndex<K, T extends K> {
  private readonly tree: Tree<K, undefined>;

  constructor(private readonly compare: (a: K, b: K) => number) {
    this.tree = new BTree<K, undefined>(undefined, compare, NODE_SIZE);
  }

  /** Number of rows. O(1). */
  get size(): number {
    return this.tree.size;
  }

  /** Adds a row (replacing a row that compares equal). */
  add(row: T): void {
    this.tree.set(row, undefined);
  }

  /** Removes the row comparing equal to `key`. Returns whether one was there. */
  remove(key: K): boolean {
    return this.tree.delete(key);
  }

  /** The row comparing equal to `key`, or `undefined`. */
  find(key: K): T | undefined {
    const found = this.tree.getPairOrNextHigher(key);
    // Only rows are ever added as keys, so a stored key is a `T`.
    return found !== undefined && this.compare(found[0], key) === 0 ? (found[0] as T) : undefined;
  }

  /** Every row in index order, as an array: faster than `scan()` when all rows are wanted. */
  rows(): T[] {
    // Only rows are ever added as keys, so every key is a `T`.
    return this.tree.keysArray() as T[];
  }

  /** Rows in index order, starting strictly after `after` (from the first row when omitted). */
  *scan(after?: K): Generator<T, void, undefined> {
    // The tree starts at the first key not below `after`: only that one can equal it, so only
    // it is compared (a comparison per row made long scans a third slower).
    let first = after !== undefined;
    for (const key of this.tree.keys(after)) {
      if (first) {
        first = false;
        if (this.compare(key, after!) === 0) continue;
      }
      yield key as T;
    }
  }

  /** The first row, or `undefined` when empty. O(log n). */
  first(): T | undefined {
    return this.tree.minKey() as T | undefined;
  }

  /** The last row, or `undefined` when empty. O(1). */
  last(): T | undefined {
    return this.tree.maxKey() as T | undefined;
  }
}
