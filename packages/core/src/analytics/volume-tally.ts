import type { VolumeBucket, VolumeCounts } from '../storage/analytics-store.js';

/**
 * The bucket index of `t` among `boundaries` (`b`): `i` when `b[i] <= t < b[i+1]`, `-1` before
 * `b[0]`, and the bucket count `n` at or after the last boundary (and for `null`, "never").
 * SQL's `width_bucket(t, b)` is this plus one.
 */
export function bucketIndex(boundaries: readonly number[], t: number | null): number {
  const n = boundaries.length - 1;
  if (t === null) return n;
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo - 1, n);
}

/** Per-bucket arrays of one channel type: `created` and `closed` counts, `open` as a difference array. */
interface ChannelTally {
  created: Float64Array;
  closed: Float64Array;
  openDelta: Float64Array;
}

/**
 * Assembles `volume` buckets from conversations given by their bucket indexes, so every store
 * shares one definition of "open at a bucket's end": created before it (`created < end`) and
 * not closed before it (`closedAt` null or `>= end`). Memory stores add conversations one by
 * one; SQL stores add `(channel type, created bucket, closed bucket, count)` groups.
 */
export class VolumeTally {
  private readonly n: number;
  private readonly channels = new Map<string, ChannelTally>();

  constructor(private readonly boundaries: readonly number[]) {
    this.n = boundaries.length - 1;
  }

  /** Adds one conversation by its times. */
  add(channelType: string, createdAt: number, closedAt: number | null): void {
    this.addIndexed(channelType, bucketIndex(this.boundaries, createdAt), bucketIndex(this.boundaries, closedAt), 1);
  }

  /** Adds `count` conversations whose creation and close fall in buckets `created` and `closed` (see `bucketIndex`). */
  addIndexed(channelType: string, created: number, closed: number, count: number): void {
    const tally = this.tallyOf(channelType);
    if (created >= 0 && created < this.n) tally.created[created]! += count;
    if (closed >= 0 && closed < this.n) tally.closed[closed]! += count;
    // Open at the end of buckets max(created, 0) … closed − 1.
    const opens = Math.max(created, 0);
    if (opens < closed) {
      tally.openDelta[opens]! += count;
      if (closed < this.n) tally.openDelta[closed]! -= count;
    }
  }

  private tallyOf(channelType: string): ChannelTally {
    let tally = this.channels.get(channelType);
    if (!tally) {
      const n = this.n;
      tally = { created: new Float64Array(n), closed: new Float64Array(n), openDelta: new Float64Array(n) };
      this.channels.set(channelType, tally);
    }
    return tally;
  }

  /** The buckets, in order, with every channel type that has a non-zero count somewhere. */
  buckets(): VolumeBucket[] {
    const open = new Map<string, Float64Array>();
    const kept: Array<[string, ChannelTally]> = [];
    for (const [channelType, tally] of [...this.channels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const running = new Float64Array(this.n);
      let value = 0;
      for (let i = 0; i < this.n; i++) running[i] = value += tally.openDelta[i]!;
      const nonZero = [tally.created, tally.closed, running].some((counts) => counts.some((c) => c !== 0));
      if (!nonZero) continue;
      open.set(channelType, running);
      kept.push([channelType, tally]);
    }
    const buckets: VolumeBucket[] = [];
    for (let i = 0; i < this.n; i++) {
      const bucket: VolumeBucket = { start: this.boundaries[i]!, end: this.boundaries[i + 1]!, created: 0, closed: 0, open: 0, channels: {} };
      for (const [channelType, tally] of kept) {
        const counts: VolumeCounts = { created: tally.created[i]!, closed: tally.closed[i]!, open: open.get(channelType)![i]! };
        bucket.channels[channelType] = counts;
        bucket.created += counts.created;
        bucket.closed += counts.closed;
        bucket.open += counts.open;
      }
      buckets.push(bucket);
    }
    return buckets;
  }
}
