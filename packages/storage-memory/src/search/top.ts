/**
 * The first `k` items of `items` in `compare` order, sorted. Keeps a sorted window of at most
 * `k` items, so a page of 20 out of 100k matches costs O(n log k), not a sort of all n.
 */
export function firstK<T>(items: Iterable<T>, k: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === k && compare(item, kept[k - 1]!) >= 0) continue;
    let [lo, hi] = [0, kept.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(kept[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}
