/**
 * In-process abuse limits of one chat server: a token bucket per key (messages per visitor)
 * and a counter of open connections per key (per client IP). They protect this process; a
 * fleet behind a load balancer multiplies them by its size, which is the intent (no shared
 * state on the hot path).
 */
export interface RateLimiter {
  /** Takes one token for `key`; `false` when the bucket is empty (refuse the action). */
  take(key: string): boolean;
}

/** A token bucket per key: `burst` tokens, refilled at `perMinute` per minute, by `now()`. */
export function rateLimiter(options: { burst: number; perMinute: number; now: () => number; maxKeys?: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = options.maxKeys ?? 100_000;
  const refillPerMs = options.perMinute / 60_000;
  return {
    take(key) {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
      bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      buckets.delete(key); // re-insert: the map's order is least recently used first
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}

/** Counts open connections per key and refuses more than `max`. */
export interface ConnectionCounter {
  /** Reserves a slot for `key`; `null` when it already has `max` (refuse the connection), else the release function. */
  acquire(key: string): (() => void) | null;
  /** Open connections of `key`. */
  count(key: string): number;
}

/** A connection counter allowing `max` per key. */
export function connectionCounter(max: number): ConnectionCounter {
  const open = new Map<string, number>();
  return {
    acquire(key) {
      const current = open.get(key) ?? 0;
      if (current >= max) return null;
      open.set(key, current + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left === 0) open.delete(key);
        else open.set(key, left);
      };
    },
    count: (key) => open.get(key) ?? 0,
  };
}
